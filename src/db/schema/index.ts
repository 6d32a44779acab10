export * from "./auth";
export * from "./billing";
export * from "./community";
export * from "./credits";
export * from "./generations";
export * from "./incentives";
export * from "./notifications";
export * from "./operations";

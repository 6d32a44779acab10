import { Hono } from "hono";
import type { AppEnv } from "../../../context";
import { accountRoutes } from "./account-routes";
import { authPages } from "./auth-routes";
import { pricingPages } from "./pricing-routes";

/** Sign-in and sign-up, pricing and checkout, and the signed-in user's account. */
export const accountPages = new Hono<AppEnv>()
  .route("/", authPages)
  .route("/", pricingPages)
  .route("/", accountRoutes);

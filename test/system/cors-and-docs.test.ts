import { describe, expect, it } from "vitest";
import { call } from "../support/http";

describe("CORS from CORS_ORIGINS", () => {
  it("allows a listed origin with credentials", async () => {
    const res = await call("/api/configs", { headers: { origin: "https://app.aniforge.test" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.aniforge.test");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
  });

  it("answers a preflight for a listed origin and gives nothing to others", async () => {
    const preflight = await call("/api/generations/quote", {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,idempotency-key",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "idempotency-key",
    );

    const other = await call("/api/configs", { headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("API documentation", () => {
  it("serves an OpenAPI 3.1 document with the routes and the error schema", async () => {
    const res = await call("/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/health", "/api/configs", "/api/generations/quote"]),
    );
    expect(doc.components.schemas).toHaveProperty("Error");
    expect(doc.components.schemas).toHaveProperty("GenerationRequest");
  });

  it("serves a reference page that loads only our own assets", async () => {
    const res = await call("/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("/docs/assets/swagger-ui-bundle.js");
    expect(html).not.toMatch(/https?:\/\//);
  });
});

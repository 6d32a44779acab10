import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { refundCredits, spendCredits } from "../../src/credits/service";
import { user } from "../../src/db/schema";
import { adminCsv, adminJson } from "../support/admin";
import { signUp, signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createUser, insertGrant } from "../support/fixtures";
import { call, expectError, issuesOf } from "../support/http";

const db = useTestDatabase();

interface AdminUser {
  id: string;
  email: string;
  name: string;
  displayName: string | null;
  role: string;
  createdAt: string;
  signupCountry: string | null;
  signupRef: string | null;
  signupUtmSource: string | null;
  invitedBy: string | null;
  member: boolean;
  subPlanType: string | null;
  subExpiredAt: string | null;
  balance: number;
  totalEarned: number;
  totalUsed: number;
}
interface UsersPage {
  items: AdminUser[];
  nextCursor: string | null;
}

const tag = () => randomUUID().slice(0, 8);
const DAY = 86_400_000;

describe("GET /api/admin/users", () => {
  it("searches email, name and display name case-insensitively, wildcards taken literally", async () => {
    const admin = await signUpAdmin();
    const t = tag();
    const byEmail = await createUser(db(), { email: `pu-${t}_a@aniforge.test`, name: "Plain" });
    const lookalike = await createUser(db(), { email: `pu-${t}xa@aniforge.test`, name: "Plain" });
    const byName = await createUser(db(), { name: `Mika ${t} Tanaka` });
    const byDisplay = await createUser(db(), { displayName: `Studio ${t.toUpperCase()}%` });

    const search = async (q: string) =>
      (await adminJson<UsersPage>(admin, `/api/admin/users?q=${encodeURIComponent(q)}`)).items.map(
        (i) => i.id,
      );
    expect(await search(`PU-${t}_A`)).toEqual([byEmail.id]);
    expect(await search(`pu-${t}`)).toEqual([lookalike.id, byEmail.id]);
    expect(await search(`mika ${t}`)).toEqual([byName.id]);
    expect(await search(`studio ${t}%`)).toEqual([byDisplay.id]);
    expect(await search(`${t}%`)).toEqual([byDisplay.id]);
    expect(await search(`${t}`)).toEqual([byDisplay.id, byName.id, lookalike.id, byEmail.id]);

    const [found] = (await adminJson<UsersPage>(admin, `/api/admin/users?q=mika%20${t}`)).items;
    expect(found).toMatchObject({
      email: byName.email,
      name: `Mika ${t} Tanaka`,
      role: "user",
      member: false,
      balance: 0,
      totalEarned: 0,
      totalUsed: 0,
    });
  });

  it("filters by role, membership and sign-up attribution", async () => {
    const admin = await signUpAdmin();
    const t = tag();
    const campaign = await signUp({
      name: `Camp ${t}`,
      query: `?ref=ref-${t}&utm_source=src-${t}&invite=${admin.id}`,
      headers: { "cf-ipcountry": "de" },
    });
    await signUp({ name: `Camp ${t}`, query: `?ref=ref-${t}&utm_source=other-${t}` });
    const now = Date.now();
    const member = await createUser(db(), {
      name: `Sub ${t}`,
      isSub: true,
      subPlanType: "pro",
      subExpiredAt: new Date(now + 10 * DAY),
    });
    const lapsed = await createUser(db(), {
      name: `Sub ${t}`,
      isSub: true,
      subExpiredAt: new Date(now - DAY),
    });

    const ids = async (query: string) =>
      (await adminJson<UsersPage>(admin, `/api/admin/users?${query}`)).items.map((i) => i.id);
    const bySource = await adminJson<UsersPage>(admin, `/api/admin/users?utmSource=src-${t}`);
    expect(bySource.items).toEqual([
      expect.objectContaining({
        id: campaign.id,
        signupCountry: "DE",
        signupRef: `ref-${t}`,
        signupUtmSource: `src-${t}`,
        invitedBy: admin.id,
      }),
    ]);
    expect(await ids(`ref=ref-${t}`)).toHaveLength(2);
    expect(await ids(`ref=ref-${t}&country=DE`)).toEqual([campaign.id]);
    expect(await ids(`q=sub%20${t}&member=true`)).toEqual([member.id]);
    expect(await ids(`q=sub%20${t}&member=false`)).toEqual([lapsed.id]);
    const [active] = (
      await adminJson<UsersPage>(admin, `/api/admin/users?q=sub%20${t}`)
    ).items.filter((i) => i.id === member.id);
    expect(active).toMatchObject({ member: true, subPlanType: "pro" });
    expect(active?.subExpiredAt).toBe(new Date(now + 10 * DAY).toISOString());
    expect(await ids(`q=${encodeURIComponent(admin.email)}&role=admin`)).toEqual([admin.id]);
    expect(await ids(`q=${encodeURIComponent(admin.email)}&role=user`)).toEqual([]);
  });

  it("shows each user's balance, credits earned and credits used exactly", async () => {
    const admin = await signUpAdmin();
    const t = tag();
    const rich = await createUser(db(), { name: `Bal ${t} rich` });
    const spent = await createUser(db(), { name: `Bal ${t} spent` });
    const now = new Date();
    await insertGrant(db(), rich.id, 100);
    await insertGrant(db(), rich.id, 50, { expiresAt: new Date(now.getTime() + 30 * DAY) });
    const source = randomUUID();
    await spendCredits(db(), { userId: rich.id, amount: 30, sourceId: source, now });
    await refundCredits(db(), { sourceId: source, amount: 10, now });
    await insertGrant(db(), spent.id, 5);
    await spendCredits(db(), { userId: spent.id, amount: 5, sourceId: randomUUID(), now });

    const page = await adminJson<UsersPage>(admin, `/api/admin/users?q=bal%20${t}`);
    const figures = page.items.map((i) => [i.id, i.balance, i.totalEarned, i.totalUsed]);
    expect(figures).toEqual([
      [spent.id, 0, 5, 5],
      [rich.id, 130, 150, 20],
    ]);
  });

  it("pages newest first without gaps or repeats, ties broken by id", async () => {
    const admin = await signUpAdmin();
    const t = tag();
    // One statement: all five share created_at, so only the id orders them.
    const rows = await db()
      .insert(user)
      .values(
        [1, 2, 3, 4, 5].map((n) => ({ name: `Page ${t} ${n}`, email: `page-${t}-${n}@a.test` })),
      )
      .returning({ id: user.id });
    const older = await createUser(db(), {
      name: `Page ${t} old`,
      createdAt: new Date(Date.now() - DAY),
    });
    const expected = [
      ...rows
        .map((r) => r.id)
        .sort()
        .reverse(),
      older.id,
    ];
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page: UsersPage = await adminJson(
        admin,
        `/api/admin/users?q=page%20${t}&limit=2${after}`,
      );
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
  });

  it("exports the whole filtered list as CSV with the same figures", async () => {
    const admin = await signUpAdmin();
    const t = tag();
    const a = await createUser(db(), { name: `Csv ${t}, "quoted"`, displayName: "=cmd" });
    await insertGrant(db(), a.id, 42);
    const b = await createUser(db(), { name: `Csv ${t} b`, signupRef: `r-${t}` });
    const { rows, filename } = await adminCsv(admin, `/api/admin/users?q=csv%20${t}&limit=1`);
    expect(filename).toMatch(/^aniforge-users-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(rows.map((r) => [r.id, r.name, r.display_name, r.signup_ref, r.balance])).toEqual([
      [b.id, `Csv ${t} b`, "", `r-${t}`, "0"],
      [a.id, `Csv ${t}, "quoted"`, "'=cmd", "", "42"],
    ]);
    expect(rows[1]).toMatchObject({ total_earned: "42", total_used: "0", member: "false" });
  });

  it("rejects bad filters and is for admins only", async () => {
    const admin = await signUpAdmin();
    const bad = async (query: string, path: string) => {
      const res = await call(`/api/admin/users?${query}`, { headers: { cookie: admin.cookie } });
      const body = await expectError(res, 400, "VALIDATION_FAILED");
      expect(issuesOf(body).map((i) => i.path)).toContain(path);
    };
    await bad("member=yes", "member");
    await bad("role=root", "role");
    await bad(`q=${"x".repeat(101)}`, "q");
    await bad("q=%20", "q");
    await bad("limit=0", "limit");
    const user = await signUp();
    await expectError(
      await call("/api/admin/users", { headers: { cookie: user.cookie } }),
      403,
      "FORBIDDEN",
    );
    await expectError(await call("/api/admin/users"), 401, "UNAUTHENTICATED");
  });
});

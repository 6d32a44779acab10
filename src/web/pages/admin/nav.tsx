import type { Child } from "hono/jsx";
import type { Translate } from "../../../i18n/translate";

export const ADMIN_SECTIONS = [
  { href: "/admin", key: "dashboard" },
  { href: "/admin/generations", key: "generations" },
  { href: "/admin/costs", key: "costs" },
  { href: "/admin/users", key: "users" },
  { href: "/admin/orders", key: "orders" },
  { href: "/admin/moderation", key: "moderation" },
] as const;

export type AdminSection = (typeof ADMIN_SECTIONS)[number]["key"];

/** Every admin page: the section nav and the heading (results go to the layout's #flash). */
export function AdminShell(props: {
  current: AdminSection;
  t: Translate;
  heading: string;
  children: Child;
}) {
  const { t } = props;
  return (
    <div class="admin" data-admin={props.current}>
      <nav class="admin-nav" aria-label={t("web.admin.nav.label")}>
        {ADMIN_SECTIONS.map((section) => (
          <a
            href={section.href}
            aria-current={section.key === props.current ? "page" : undefined}
            data-testid={`admin-nav-${section.key}`}
          >
            {t(`web.admin.nav.${section.key}`)}
          </a>
        ))}
      </nav>
      <h1>{props.heading}</h1>
      {props.children}
    </div>
  );
}

/** A GET form's day or month range fields. */
export function RangeForm(props: {
  t: Translate;
  action: string;
  from: string;
  to: string;
  kind: "date" | "month";
  children?: Child;
}) {
  const { t } = props;
  return (
    <form class="admin-filters row" method="get" action={props.action}>
      <label>
        {t("web.admin.range.from")}
        <input type={props.kind} name="from" value={props.from} required />
      </label>
      <label>
        {t("web.admin.range.to")}
        <input type={props.kind} name="to" value={props.to} required />
      </label>
      {props.children}
      <button type="submit">{t("web.admin.range.apply")}</button>
    </form>
  );
}

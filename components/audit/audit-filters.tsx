import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { auditActions } from "./describe";

export const auditSearchNames = ["action", "search", "from", "to", "cursor"] as const;

type AuditFilterValues = { action?: string; search?: string; from?: string; to?: string };

const actionOptions = [{ value: "", label: "Any action" }, ...Object.entries(auditActions).map(([value, label]) => ({ value, label }))];

/** A GET form, so the filtered log is a URL ("Next page" keeps the filters); a new filter starts at the first page. */
export function AuditFilters({ path, values }: { path: string; values: AuditFilterValues }) {
  const filtered = Object.values(values).some(Boolean);
  return (
    <form method="get" action={path} aria-label="Filter the audit log" className="flex flex-wrap items-start gap-4">
      <Select label="Action" name="action" options={actionOptions} defaultValue={values.action ?? ""} />
      <div className="w-64">
        <Field label="Contains" name="search" defaultValue={values.search} maxLength={100} hint="Part of an action, an email, an end-user ID or a key name." />
      </div>
      <Field label="From (UTC date)" name="from" type="date" defaultValue={values.from} />
      <Field label="To (UTC date)" name="to" type="date" defaultValue={values.to} />
      <div className="flex items-center gap-3 pt-6">
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        {filtered ? (
          <Link href={path} className="text-sm text-indigo-700 underline">
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}

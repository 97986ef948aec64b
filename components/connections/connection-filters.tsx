import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { statusLabels } from "./status";

export const connectionSearchNames = ["endUserId", "status", "cursor"] as const;

const statusOptions = [{ value: "", label: "All" }, ...Object.entries(statusLabels).map(([value, label]) => ({ value, label }))];

/** A GET form, so the filtered list is a URL; a new filter starts again at the first page. */
export function ConnectionFilters({ path, endUserId, status }: { path: string; endUserId?: string; status?: string }) {
  return (
    <form method="get" action={path} aria-label="Filter connections" className="flex flex-wrap items-start gap-4">
      <div className="w-64">
        <Field label="End-user ID" name="endUserId" defaultValue={endUserId} maxLength={255} />
      </div>
      <Select label="Status" name="status" options={statusOptions} defaultValue={status ?? ""} />
      <div className="flex items-center gap-3 pt-6">
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        {endUserId || status ? (
          <Link href={path} className="text-sm text-indigo-700 underline">
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}

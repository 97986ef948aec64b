import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { providers } from "@/lib/providers";
import { statusLabels } from "./status";

export const connectionSearchNames = ["search", "provider", "status", "cursor"] as const;

const statusOptions = [{ value: "", label: "All" }, ...Object.entries(statusLabels).map(([value, label]) => ({ value, label }))];
const providerOptions = [{ value: "", label: "All" }, ...providers.map((provider) => ({ value: provider.id, label: provider.name }))];

type Values = { search?: string; provider?: string; status?: string };

/** A GET form, so the filtered list is a URL; a new filter starts again at the first page. */
export function ConnectionFilters({ path, search, provider, status }: { path: string } & Values) {
  return (
    <form method="get" action={path} aria-label="Filter connections" className="flex flex-wrap items-start gap-4">
      <div className="w-72">
        <Field
          label="Search"
          name="search"
          type="search"
          defaultValue={search}
          maxLength={255}
          hint="Part of an end-user ID, or of the account's login, name or email."
        />
      </div>
      <Select label="Provider" name="provider" options={providerOptions} defaultValue={provider ?? ""} />
      <Select label="Status" name="status" options={statusOptions} defaultValue={status ?? ""} />
      <div className="flex items-center gap-3 pt-6">
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        {search || provider || status ? (
          <Link href={path} className="text-sm text-indigo-700 underline">
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";

const options = [
  { value: "", label: "All" },
  { value: "2xx", label: "2xx success" },
  { value: "3xx", label: "3xx redirect or not modified" },
  { value: "4xx", label: "4xx client error" },
  { value: "5xx", label: "5xx server error" },
];

/** A GET form, so the filtered list is a URL; a new filter starts again at the first page. */
export function StatusFilter({ path, name, status, label }: { path: string; name: string; status?: string; label: string }) {
  return (
    <form method="get" action={path} aria-label={label} className="flex flex-wrap items-end gap-4">
      <Select label="Status" name={name} id={`select-${name}`} options={options} defaultValue={status ?? ""} />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary">
          Show calls
        </Button>
        {status ? (
          <Link href={path} className="text-sm text-indigo-700 underline">
            Show all calls
          </Link>
        ) : null}
      </div>
    </form>
  );
}

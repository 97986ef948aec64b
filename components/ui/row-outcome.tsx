"use client";

import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import type { FormState } from "@/lib/forms/state";
import { FormStatus } from "./form-status";

type RowOutcomeHandle = {
  /** Says the outcome of an action a row's menu started. */
  show: (state: FormState) => void;
  /** Where focus goes when the control that started it is gone (the row, or its menu, removed by the action). */
  status: () => HTMLElement | null;
};

const RowOutcomeContext = createContext<RowOutcomeHandle | null>(null);

/** The outcome region around the table a row menu sits in, if any. */
export function useRowOutcome(): RowOutcomeHandle | null {
  return useContext(RowOutcomeContext);
}

/**
 * Where the outcome of an action taken from a row's menu is said: a live region above the table.
 * Not in the menu, which may hold only its items and is hidden once an item runs; and outliving
 * the row, since revoking a key or an invitation removes its menu or the row itself.
 */
export function RowOutcome({ children }: { children: ReactNode }) {
  const [outcome, setOutcome] = useState<FormState>({ status: "idle" });
  const status = useRef<HTMLParagraphElement>(null);
  const handle = useMemo<RowOutcomeHandle>(() => ({ show: setOutcome, status: () => status.current }), []);
  return (
    <RowOutcomeContext.Provider value={handle}>
      <div className="space-y-3">
        <FormStatus ref={status} status={outcome.status} message={outcome.message} />
        {children}
      </div>
    </RowOutcomeContext.Provider>
  );
}

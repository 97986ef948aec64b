import { ActionForm } from "@/components/ui/action-form";
import { formatDate } from "@/components/ui/format";
import { RowMenu } from "@/components/ui/menu";
import { RowOutcome } from "@/components/ui/row-outcome";
import { Table } from "@/components/ui/table";
import type { FormState } from "@/lib/forms/state";
import type { PendingInvitation } from "@/lib/users";
import { roleLabels } from "./roles";

/** Invitation links not used yet, with when each stops working; an admin can revoke one. */
export function PendingInvitations({
  invitations,
  revokeAction,
}: {
  invitations: PendingInvitation[];
  revokeAction: (previous: FormState, formData: FormData) => Promise<FormState>;
}) {
  // The outcome region stays when the last invitation is revoked, so its outcome is still said.
  return (
    <RowOutcome>
      {invitations.length === 0 ? (
        <p className="text-sm text-slate-600">No pending invitations.</p>
      ) : (
        <InvitationsTable invitations={invitations} revokeAction={revokeAction} />
      )}
    </RowOutcome>
  );
}

function InvitationsTable({
  invitations,
  revokeAction,
}: {
  invitations: PendingInvitation[];
  revokeAction: (previous: FormState, formData: FormData) => Promise<FormState>;
}) {
  return (
    <Table label="Pending invitations">
      <thead>
        <tr className="border-b border-slate-200 text-slate-600">
          <th className="py-2 pr-3">For</th>
          <th className="pr-3">Role</th>
          <th className="pr-3">Invited by</th>
          <th className="pr-3">Created</th>
          <th className="pr-3">Expires</th>
          <th>
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {invitations.map((invitation) => {
          const who = invitation.email ?? "anyone with the link";
          return (
            <tr key={invitation.id} className="border-b border-slate-100 align-top">
              <td className="py-2 pr-3 font-medium">{who}</td>
              <td className="pr-3">{roleLabels[invitation.role]}</td>
              <td className="pr-3">{invitation.invitedBy}</td>
              <td className="pr-3">{formatDate(invitation.createdAt)}</td>
              <td className="pr-3">{formatDate(invitation.expiresAt)}</td>
              <td className="text-right">
                <RowMenu name={`the invitation for ${who}`}>
                  <ActionForm
                    action={revokeAction}
                    submitLabel="Revoke invitation"
                    variant="danger"
                    confirm={<p>Revoke the invitation for {who}? Its link stops working at once; you can make a new one later.</p>}
                  >
                    <input type="hidden" name="invitationId" value={invitation.id} />
                  </ActionForm>
                </RowMenu>
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

import { PendingInvitations } from "@/components/admin/pending-invitations";
import { roleLabels } from "@/components/admin/roles";
import { ActionForm } from "@/components/ui/action-form";
import { RowMenu } from "@/components/ui/menu";
import { RowOutcome } from "@/components/ui/row-outcome";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { Field } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format";
import { Select } from "@/components/ui/select";
import { requireAdmin } from "@/lib/auth";
import { isSignUpOpen, listPendingInvitations, listUsers } from "@/lib/users";
import { changeRoleAction, createInvitationAction, revokeInvitationAction, setDisabledAction } from "../actions";

export const metadata = { title: "Accounts" };

const roleOptions = Object.entries(roleLabels).map(([value, label]) => ({ value, label }));

export default async function AdminUsersPage() {
  const actor = await requireAdmin();
  const [users, invitations, { mode }] = await Promise.all([listUsers(actor), listPendingInvitations(actor), isSignUpOpen()]);
  const signUpRule =
    mode === "invite"
      ? "Sign-up is by invitation."
      : "Anyone can sign up as a developer; an invitation gives its role, and one with an email only that address.";
  return (
    <div className="space-y-6">
      <Card title="Invite someone" description={`${signUpRule} The link is shown once and works once.`}>
        <ActionForm action={createInvitationAction} submitLabel="Create invitation link" revealedLabel="Invitation link">
          <Field label="Email (optional)" name="email" type="email" hint="When set, only this address can use the invitation." />
          <Select label="Role" name="role" options={roleOptions} defaultValue="DEVELOPER" />
        </ActionForm>
      </Card>
      <Card title="Pending invitations" description="Links not used yet. Each works once, until it expires; revoke one to stop it working.">
        <PendingInvitations invitations={invitations} revokeAction={revokeInvitationAction} />
      </Card>
      <Card title="Accounts">
        <RowOutcome>
          <Table label="Portal accounts">
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th className="py-2">Email</th>
                <th>Role</th>
                <th>Status</th>
                <th>Created</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} className="border-b border-slate-100 align-top">
                  <td className="py-2 font-medium">{user.email}</td>
                  <td>
                    <ActionForm action={changeRoleAction} submitLabel={`Change role of ${user.email}`} variant="secondary">
                      <input type="hidden" name="userId" value={user.id} />
                      <Select label={`Role of ${user.email}`} id={`role-${user.id}`} name="role" options={roleOptions} defaultValue={user.role} />
                    </ActionForm>
                  </td>
                  <td>{user.disabledAt ? `Disabled ${formatDate(user.disabledAt)}` : "Active"}</td>
                  <td>{formatDate(user.createdAt)}</td>
                  <td>
                    {user.id === actor.userId ? (
                      <span className="text-xs text-slate-500">You</span>
                    ) : (
                      <RowMenu name={user.email}>
                        <ActionForm
                          action={setDisabledAction}
                          submitLabel={user.disabledAt ? `Enable ${user.email}` : `Disable ${user.email}`}
                          variant={user.disabledAt ? "secondary" : "danger"}
                          confirm={
                            user.disabledAt ? undefined : <p>Disable {user.email}? Their sessions end at once and they cannot sign in until enabled again.</p>
                          }
                        >
                          <input type="hidden" name="userId" value={user.id} />
                          <input type="hidden" name="disable" value={user.disabledAt ? "false" : "true"} />
                        </ActionForm>
                      </RowMenu>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </RowOutcome>
      </Card>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GrantForm } from "@/components/admin/grant-form";
import { ImpersonationList } from "@/components/impersonation/impersonation-list";
import { UserForm } from "@/components/admin/user-form";
import { ActionButton } from "@/components/ui/action-button";
import { Alert } from "@/components/ui/alert";
import { requireAdminContext } from "@/lib/context";
import type { Permission } from "@/lib/generated/prisma/enums";
import { listLocations, locationOptions } from "@/lib/locations/queries";
import { PERMISSION_LABELS } from "@/lib/permissions/labels";
import { administersLocation, canChangeGrant, coversGrant } from "@/lib/permissions/policy";
import { Time } from "@/components/ui/time";
import {
  clearLockoutAction,
  deactivateUserAction,
  reactivateUserAction,
  revokePermissionAction,
  signOutEverywhereAction,
  updateUserAction,
} from "@/lib/users/actions";
import { impersonationsOfUser } from "@/lib/impersonation/queries";
import { findManagedUser, lockoutOf } from "@/lib/users/queries";

export const metadata: Metadata = { title: "Manage user" };

export default async function ManageUserPage({ params, searchParams }: PageProps<"/admin/users/[id]">) {
  const ctx = await requireAdminContext();
  const { id } = await params;
  const { created } = await searchParams;
  // Someone outside the administrator's scope (or organization) looks like no one at all.
  const [found, locations] = await Promise.all([findManagedUser(ctx, id), listLocations(ctx)]);
  if (!found) notFound();
  const { user, target } = found;
  const { authority } = ctx;
  const [lockedUntil, impersonations] = await Promise.all([lockoutOf(ctx, user.username), impersonationsOfUser(ctx, user.id)]);
  const ownLocations = locationOptions(locations.filter((l) => administersLocation(authority, l.path)));
  const grantable = (Object.keys(PERMISSION_LABELS) as Permission[]).filter((p) =>
    p === "LOCAL_USER_ADMIN" ? ownLocations.length > 0 : coversGrant(authority, { permission: p, locationPath: null }),
  );

  return (
    <div className="max-w-3xl space-y-6">
      <Link href="/admin/users" className="text-sm text-blue-700 hover:underline">
        ← User Management
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{user.name}</h1>
        {user.active ? (
          <span className="rounded bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800">Active</span>
        ) : (
          <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">Deactivated</span>
        )}
      </div>
      {created ? <Alert tone="success">User created.</Alert> : null}

      <section aria-labelledby="profile" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="profile" className="mb-4 text-lg font-semibold">Profile</h2>
        <UserForm action={updateUserAction} locations={ownLocations} user={user} />
      </section>

      <section aria-labelledby="permissions" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="permissions" className="mb-4 text-lg font-semibold">Permissions</h2>
        {user.grants.length === 0 ? (
          <p className="mb-4 text-sm text-slate-600">No permissions.</p>
        ) : (
          <ul className="mb-4 divide-y divide-slate-100">
            {user.grants.map((g) => {
              const label = `${PERMISSION_LABELS[g.permission]}${g.location ? ` (${g.location.name})` : ""}`;
              const revocable = canChangeGrant(authority, target, { permission: g.permission, locationPath: g.location?.path ?? null }).ok;
              return (
                <li key={g.id} className="flex items-center justify-between gap-4 py-2">
                  <span className="text-sm">{label}</span>
                  {revocable ? (
                    <ActionButton action={revokePermissionAction} fields={{ userId: user.id, grantId: g.id }} label={`Revoke ${label}`}>
                      Revoke
                    </ActionButton>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        <GrantForm userId={user.id} permissions={grantable.map((p) => ({ value: p, label: PERMISSION_LABELS[p] }))} locations={ownLocations} />
      </section>

      <section aria-labelledby="impersonations" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="impersonations" className="mb-3 text-lg font-semibold">Impersonations</h2>
        <div className="grid gap-6 sm:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-semibold text-slate-700">Signed in as them</h3>
            <ImpersonationList rows={impersonations.asTarget} show="actor" empty="No one has signed in as them." />
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold text-slate-700">Their impersonations of others</h3>
            <ImpersonationList rows={impersonations.asActor} show="target" empty="They have not impersonated anyone." />
          </div>
        </div>
      </section>

      <section aria-labelledby="sign-in" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="sign-in" className="mb-2 text-lg font-semibold">Sign-in</h2>
        {lockedUntil ? (
          <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-amber-900">
              Locked out after too many failed sign-ins, until <Time value={lockedUntil} />.
            </p>
            <ActionButton action={clearLockoutAction} fields={{ userId: user.id }} label={`Clear the lockout of ${user.name}`}>
              Clear lockout
            </ActionButton>
          </div>
        ) : (
          <p className="mb-4 text-sm text-slate-600">Not locked out.</p>
        )}
        <p className="mb-3 text-sm text-slate-600">Signing out everywhere ends every session of {user.name}, and any impersonation they are running, at its next request.</p>
        <ActionButton
          action={signOutEverywhereAction}
          fields={{ userId: user.id }}
          variant="danger"
          label={`Sign ${user.name} out everywhere`}
          confirm={`Sign ${user.name} out of every session now?`}
        >
          Sign out everywhere
        </ActionButton>
      </section>

      {user.id !== ctx.viewer.id ? (
        <section aria-labelledby="status" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="status" className="mb-2 text-lg font-semibold">Account status</h2>
          {user.active ? (
            <>
              <p className="mb-3 text-sm text-slate-600">A deactivated user cannot sign in; their history stays.</p>
              <ActionButton
                action={deactivateUserAction}
                fields={{ userId: user.id }}
                variant="danger"
                confirm={`Deactivate ${user.name}? They will no longer be able to sign in.`}
              >
                Deactivate
              </ActionButton>
            </>
          ) : (
            <ActionButton action={reactivateUserAction} fields={{ userId: user.id }}>
              Reactivate
            </ActionButton>
          )}
        </section>
      ) : null}
    </div>
  );
}

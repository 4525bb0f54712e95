/**
 * The memberships of /admin/utval/<slug>: current (and coming) members with a form each to edit
 * or end (with confirmation), the ended ones listed separately, and the form to add a member.
 */
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ConfirmBox, SelectField, TextField } from "~/components/form";
import { Pager } from "~/components/secretariat";
import { useMessages } from "~/components/secretariat/messages";
import { MEMBERSHIP_ROLES, type MembershipRole } from "~/models/access";
import { FormErrors, submitted, usePeriod, useReplyForm, type Reply } from "./fields";

export interface MemberRow {
  id: number;
  userName: string;
  userEmail: string;
  role: MembershipRole;
  representsParty: string | null;
  partyName: string | null;
  representsOrganisation: string | null;
  startsOn: string | null;
  endsOn: string | null;
  version: number;
}
type PartyOption = { number: string; name: string };
type Fields = Record<string, { initialValue?: unknown; errors?: string[] }>;

const represents = (m: MemberRow) => m.partyName ?? m.representsParty ?? m.representsOrganisation ?? "–";

export function MemberTable({
  caption,
  rows,
  page,
  pages,
  href,
  children,
}: {
  caption: string;
  rows: MemberRow[];
  page: number;
  pages: number;
  href: (p: number) => string;
  children?: (m: MemberRow) => React.ReactNode;
}) {
  const { t } = useMessages("bodies");
  const period = usePeriod();
  return (
    <>
      <div className="table-wrap">
        <table className="ds-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("members.name")}</th>
              <th scope="col">{t("members.role")}</th>
              <th scope="col">{t("members.represents")}</th>
              <th scope="col">{t("members.term")}</th>
              {children ? <th scope="col">{t("members.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={children ? 5 : 4}>{t("members.none")}</td>
              </tr>
            ) : (
              rows.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.userName}
                    <br />
                    <span className="ds-paragraph" data-size="sm">
                      {m.userEmail}
                    </span>
                  </td>
                  <td>{t(`role.${m.role}`)}</td>
                  <td>{represents(m)}</td>
                  <td>{period(m.startsOn, m.endsOn)}</td>
                  {children ? <td>{children(m)}</td> : null}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} href={href} />
    </>
  );
}

/** Role, represents (party or organisation), term: the fields of adding and editing. */
function TermFields({ prefix, fields, parties, stored }: { prefix: string; fields: Fields; parties: PartyOption[]; stored?: MemberRow }) {
  const { t, first } = useMessages("bodies");
  const value = (name: string, fallback: string | null | undefined) => (typeof fields[name]?.initialValue === "string" ? (fields[name].initialValue as string) : (fallback ?? ""));
  const f = (name: string) => ({ id: `${prefix}-${name}`, name, error: first(fields[name]?.errors) });
  return (
    <>
      <SelectField
        {...f("role")}
        label={t("members.role")}
        required
        defaultValue={value("role", stored?.role ?? "member")}
        options={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
      />
      <SelectField
        {...f("representsParty")}
        label={t("members.representsParty")}
        defaultValue={value("representsParty", stored?.representsParty)}
        options={[{ value: "", label: t("members.representsPartyNone") }, ...parties.map((p) => ({ value: p.number, label: p.name }))]}
      />
      <TextField
        {...f("representsOrganisation")}
        label={t("members.representsOrganisation")}
        description={t("members.representsOrganisationHelp")}
        defaultValue={value("representsOrganisation", stored?.representsOrganisation)}
        maxLength={200}
      />
      <div className="row">
        <TextField {...f("startsOn")} type="date" label={t("members.startsOn")} required defaultValue={value("startsOn", stored?.startsOn)} />
        <TextField {...f("endsOn")} type="date" label={t("members.endsOn")} description={t("members.endsOnHelp")} defaultValue={value("endsOn", stored?.endsOn)} />
      </div>
    </>
  );
}

export function AddMemberForm({ result, parties, today, busy }: { result: Reply; parties: PartyOption[]; today: string; busy: boolean }) {
  const { t, first } = useMessages("bodies");
  const [form, fields] = useReplyForm("member-add", result, "add");
  return (
    <Form method="post" className="stack form-narrow" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add" />
      <FormErrors errors={form.errors} />
      <TextField
        id="add-email"
        name="email"
        type="email"
        autoComplete="off"
        label={t("members.email")}
        description={t("members.emailHelp")}
        required
        defaultValue={submitted(result, "email") ?? ""}
        error={first(fields.email?.errors)}
      />
      <TermFields prefix="add" fields={{ ...fields, startsOn: { ...fields.startsOn, initialValue: fields.startsOn?.initialValue ?? today } }} parties={parties} />
      <div>
        <button type="submit" className="ds-button" data-variant="primary" disabled={busy}>
          {t("members.addSubmit")}
        </button>
      </div>
    </Form>
  );
}

/** Edit and end, each in a disclosure (the end step asks for confirmation). */
export function MemberActions({ m, result, parties, today, busy }: { m: MemberRow; result: Reply; parties: PartyOption[]; today: string; busy: boolean }) {
  const { t, first } = useMessages("bodies");
  const [editForm, editFields] = useReplyForm(`member-edit-${m.id}`, result, "edit", m.id);
  const [endForm, endFields] = useReplyForm(`member-end-${m.id}`, result, "end", m.id);
  return (
    <div className="stack">
      <details open={Object.keys(editForm.allErrors).length > 0}>
        <summary className="ds-link">{t("members.edit", { name: m.userName })}</summary>
        <Form method="post" className="stack" {...getFormProps(editForm)}>
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="membershipId" value={m.id} />
          <input type="hidden" name="version" value={m.version} />
          <FormErrors errors={editForm.errors} />
          <TermFields prefix={`edit-${m.id}`} fields={editFields} parties={parties} stored={m} />
          <div>
            <button type="submit" className="ds-button" data-variant="secondary" disabled={busy}>
              {t("members.editSubmit")}
            </button>
          </div>
        </Form>
      </details>
      <details open={Object.keys(endForm.allErrors).length > 0}>
        <summary className="ds-link">{t("members.endFor", { name: m.userName })}</summary>
        <Form method="post" className="stack" {...getFormProps(endForm)}>
          <input type="hidden" name="intent" value="end" />
          <input type="hidden" name="membershipId" value={m.id} />
          <input type="hidden" name="version" value={m.version} />
          <FormErrors errors={endForm.errors} />
          <TextField
            id={`end-${m.id}-endsOn`}
            name="endsOn"
            type="date"
            label={t("members.endsOn")}
            description={t("members.endsOnHelp")}
            required
            defaultValue={typeof endFields.endsOn?.initialValue === "string" ? endFields.endsOn.initialValue : today}
            error={first(endFields.endsOn?.errors)}
          />
          <ConfirmBox id={`end-${m.id}-confirm`} name="confirm" label={t("members.endConfirm")} error={first(endFields.confirm?.errors)} />
          <div>
            <button type="submit" className="ds-button" data-variant="primary" data-color="danger" disabled={busy}>
              {t("members.endSubmit")}
            </button>
          </div>
        </Form>
      </details>
    </div>
  );
}

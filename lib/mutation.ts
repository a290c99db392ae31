// The one door for changes. `transact` is the only place in the app that opens a transaction and
// the only place that writes history: a change and its events — and the audit streams' messages of
// them — commit together or not at all.
// `defineMutation` builds every user-initiated change on it: parse the input with zod, authorise
// against the policy, run the change with a `record(event)` bound to the request's attribution, and
// answer with a typed result (or an ActionError that says what to fix, having changed nothing).
// Server Actions wrap mutations with lib/server-action.ts. (Not server-only: the seed and the
// scripts write through it too; it only ever touches the database handed to it.)
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { queueForStreams } from "@/lib/streaming/queue";
import { validateEvent, type NewEvent } from "@/lib/timeline/events";
import type { Attribution, RequestContext } from "@/lib/context/create";

export type Tx = Prisma.TransactionClient;

/** Records one event in the change's transaction, as `as` (by default, the change's attribution). */
export type Recorder = (event: NewEvent, as?: Attribution) => Promise<void>;

export const NOT_ALLOWED = "You do not have permission to do that.";
export const FIX_FIELDS = "Please correct the highlighted fields.";
export const SESSION_ENDED = "Your session has ended. Sign in again.";
export const VIEW_ONLY_REFUSAL = "View-only impersonation: your organization does not allow changes while impersonating. Nothing was changed.";
/** Why a change only someone signed in as themselves makes is refused inside an impersonation. */
export const NOT_WHILE_IMPERSONATING = "This cannot be done while impersonating: only someone signed in as themselves can do it. Nothing was changed.";

/** A refusal or a validation failure: shown to the user; nothing was changed. */
export class ActionError extends Error {
  constructor(
    message: string,
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

/**
 * A refusal the history must keep (an impersonation refused, a user administrator's action outside
 * their scope): the change is rolled back, then `event` is recorded on its own.
 */
export class Refusal extends ActionError {
  constructor(
    message: string,
    public readonly event: NewEvent,
    public readonly as?: Attribution,
  ) {
    super(message);
    this.name = "Refusal";
  }
}

/**
 * A refusal that keeps what the change wrote before it (a wrong current password still counts as a
 * failed sign-in): the transaction commits, then the refusal is answered.
 */
export class CommittedRefusal extends ActionError {
  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super(message, fieldErrors);
    this.name = "CommittedRefusal";
  }
}

/** A refusal by the policy, recorded as "access.refused": what was tried, and why not. */
export function refused(message: string, action: string, subjectUserId: string | null = null): Refusal {
  return new Refusal(message, { type: "access.refused", subjectUserId, details: { action, reason: message } });
}

async function writeEvent(tx: Tx, who: Attribution, event: NewEvent): Promise<void> {
  const { type, scope, details } = validateEvent(event);
  const row = await tx.timelineEvent.create({
    data: {
      organizationId: who.organizationId,
      userId: who.userId,
      actorId: who.actorId,
      impersonationSessionId: who.impersonationSessionId ?? null,
      scope,
      type,
      subjectUserId: event.subjectUserId ?? null,
      itemId: event.itemId ?? null,
      boardId: event.boardId ?? null,
      details: details as Prisma.InputJsonObject,
    },
    select: { id: true, createdAt: true, organizationId: true, scope: true, type: true, userId: true, actorId: true, impersonationSessionId: true, subjectUserId: true, itemId: true, boardId: true, details: true },
  });
  // The audit streams that take it get it in this same transaction (lib/streaming).
  await queueForStreams(tx, row);
}

/**
 * Runs `work` in one transaction with a `record` for its history. `as` is the default attribution of
 * what it records; work that learns who it acts for inside the transaction passes it to record().
 */
export function transact<T>(
  db: PrismaClient,
  work: (scope: { tx: Tx; record: Recorder }) => Promise<T>,
  options: { as?: Attribution; timeout?: number; maxWait?: number } = {},
): Promise<T> {
  return db.$transaction(
    (tx) =>
      work({
        tx,
        record: (event, as = options.as) => {
          if (!as) throw new Error(`No attribution for the ${event.type} event.`);
          return writeEvent(tx, as, event);
        },
      }),
    { timeout: options.timeout, maxWait: options.maxWait },
  );
}

export type MutationScope<I, A> = {
  ctx: RequestContext;
  input: I;
  tx: Tx;
  /** What authorize() established (the rows it checked, locked for the transaction). */
  allowed: A;
  record: Recorder;
};

export type Mutation<S extends z.ZodType, R> = ((ctx: RequestContext, input: z.input<S>) => Promise<R>) & {
  readonly schema: S;
  /** Runs with input already parsed by `schema`. */
  execute(ctx: RequestContext, input: z.output<S>): Promise<R>;
};

/** Parses with `schema`; a failure becomes an ActionError naming each field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ActionError(FIX_FIELDS, z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  return parsed.data;
}

/**
 * A user-initiated change. `authorize` asks the policy (inside the transaction, so what it checks
 * and locks is what the change sees) and throws an ActionError — or a Refusal to have the refusal
 * recorded — when the viewer may not; `run` makes the change and records it (or throws a
 * CommittedRefusal to keep what it wrote and still refuse).
 * `notWhileImpersonating` names what the change is ("changing a password"): such a change is made
 * only by someone signed in as themselves, and refused — and recorded — inside any impersonation.
 */
export function defineMutation<S extends z.ZodType, A, R>(definition: {
  schema: S;
  notWhileImpersonating?: string;
  authorize: (scope: { ctx: RequestContext; input: z.output<S>; tx: Tx }) => Promise<A> | A;
  run: (scope: MutationScope<z.output<S>, A>) => Promise<R>;
}): Mutation<S, R> {
  const execute = async (ctx: RequestContext, input: z.output<S>): Promise<R> => {
    // View-only impersonation (the organization's setting, read by the server for this request):
    // whatever the change, nothing is changed while impersonating.
    if (ctx.impersonation?.viewOnly) throw new ActionError(VIEW_ONLY_REFUSAL);
    try {
      if (definition.notWhileImpersonating && ctx.impersonation) {
        throw refused(NOT_WHILE_IMPERSONATING, definition.notWhileImpersonating, ctx.viewer.id);
      }
      const outcome = await transact(
        ctx.db,
        async ({ tx, record }) => {
          try {
            const allowed = await definition.authorize({ ctx, input, tx });
            return { result: await definition.run({ ctx, input, tx, allowed, record }) };
          } catch (error) {
            if (error instanceof CommittedRefusal) return { refusal: error };
            throw error;
          }
        },
        { as: ctx.who },
      );
      if ("refusal" in outcome) throw outcome.refusal;
      return outcome.result;
    } catch (error) {
      if (error instanceof Refusal) {
        await transact(ctx.db, ({ record }) => record(error.event), { as: error.as ?? ctx.who });
      }
      throw error;
    }
  };
  const call = (ctx: RequestContext, input: z.input<S>) => execute(ctx, parseInput(definition.schema, input));
  return Object.assign(call, { schema: definition.schema, execute });
}

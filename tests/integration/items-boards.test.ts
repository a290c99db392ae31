// Items and Boards against the real database: every change writes its timeline event in the same
// transaction, Boards are their owner's alone, and nothing crosses organizations.
import { describe, expect, it } from "vitest";
import { ActionError } from "@/lib/auth/action-error";
import { createBoard, deleteBoard, getOwnBoard, renameBoard, updateBoardFilters } from "@/lib/boards/service";
import { addComment, assignItem, changeItemStatus, createItem, updateItem } from "@/lib/items/service";
import type { Attribution } from "@/lib/timeline/record-event";
import { createTestDatabase } from "../support/database";

const { db } = await createTestDatabase("demo");
const users = Object.fromEntries(
  (await db.user.findMany({ select: { id: true, username: true, organizationId: true } })).map((u) => [u.username, u]),
);
const icu = (await db.location.findFirstOrThrow({ where: { name: "ICU" } })).id;
const as = (username: string): Attribution => ({ organizationId: users[username]!.organizationId, userId: users[username]!.id, actorId: users[username]!.id });

describe("Items", () => {
  it("record each change in the Item Timeline as the effective user", async () => {
    const item = await createItem(db, as("jane"), { title: "Fix the bed alarm", description: "", locationId: icu, assigneeId: null, status: "NEW" });
    await addComment(db, as("jane"), { itemId: item.id, body: "Biomed is on it." });
    await changeItemStatus(db, as("jane"), { itemId: item.id, status: "IN_PROGRESS" });
    await assignItem(db, as("jane"), { itemId: item.id, assigneeId: users.sam!.id });
    await updateItem(db, as("jane"), { itemId: item.id, title: "Fix the bed alarms", description: "Beds 3 and 4", locationId: icu });
    // A change to the same value records nothing.
    await changeItemStatus(db, as("jane"), { itemId: item.id, status: "IN_PROGRESS" });

    const events = await db.timelineEvent.findMany({ where: { itemId: item.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["item.created", "item.commented", "item.status_changed", "item.assigned", "item.updated"]);
    expect(events.every((e) => e.userId === users.jane!.id && e.actorId === users.jane!.id && e.scope === "ITEM")).toBe(true);
    expect(events[2]!.details).toEqual({ from: "NEW", to: "IN_PROGRESS" });
  });

  it("refuse people, Locations and Items of another organization", async () => {
    const item = await db.item.findFirstOrThrow({ where: { assigneeId: users.jane!.id } });
    const before = await db.timelineEvent.count();
    await expect(changeItemStatus(db, as("gabe"), { itemId: item.id, status: "DONE" })).rejects.toThrow("That Item does not exist.");
    await expect(addComment(db, as("gabe"), { itemId: item.id, body: "hi" })).rejects.toThrow(ActionError);
    await expect(assignItem(db, as("jane"), { itemId: item.id, assigneeId: users.gabe!.id })).rejects.toThrow(ActionError);
    const globex = await db.location.findFirstOrThrow({ where: { name: "Globex" } });
    await expect(createItem(db, as("jane"), { title: "x", description: "", locationId: globex.id, assigneeId: null, status: "NEW" })).rejects.toThrow(ActionError);
    expect(await db.timelineEvent.count()).toBe(before);
    expect((await db.item.findUniqueOrThrow({ where: { id: item.id } })).status).toBe(item.status);
  });
});

describe("Boards", () => {
  it("are visible to and changeable by their owner only", async () => {
    const board = await createBoard(db, as("jane"), { name: "Mine", filters: { assigneeId: "me" } });
    expect(await getOwnBoard(db, { id: users.jane!.id, organizationId: users.jane!.organizationId }, board.id)).toMatchObject({ name: "Mine" });
    expect(await getOwnBoard(db, { id: users.sam!.id, organizationId: users.sam!.organizationId }, board.id)).toBeNull();
    expect(await getOwnBoard(db, { id: users.gina!.id, organizationId: users.gina!.organizationId }, board.id)).toBeNull();

    await expect(renameBoard(db, as("sam"), { boardId: board.id, name: "Stolen" })).rejects.toThrow("That Board does not exist.");
    await expect(deleteBoard(db, as("gina"), board.id)).rejects.toThrow("That Board does not exist.");
    await expect(updateBoardFilters(db, as("jane"), { boardId: board.id, filters: { assigneeId: users.gabe!.id } })).rejects.toThrow(ActionError);

    await renameBoard(db, as("jane"), { boardId: board.id, name: "Mine, renamed" });
    await updateBoardFilters(db, as("jane"), { boardId: board.id, filters: { statuses: ["NEW", "DONE"] } });
    await deleteBoard(db, as("jane"), board.id);
    expect(await getOwnBoard(db, { id: users.jane!.id, organizationId: users.jane!.organizationId }, board.id)).toBeNull();
    const types = (await db.timelineEvent.findMany({ where: { boardId: board.id }, orderBy: { id: "asc" } })).map((e) => e.type);
    expect(types).toEqual(["board.created", "board.renamed", "board.filters_changed", "board.deleted"]);
  });
});

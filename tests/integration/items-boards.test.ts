// Items and Boards against the real database: every change writes its timeline event in the same
// transaction, Boards are their owner's alone, and nothing crosses organizations.
import { describe, expect, it } from "vitest";
import { createBoard, deleteBoard, renameBoard, updateBoardFilters } from "@/lib/boards/mutations";
import { getOwnBoard } from "@/lib/boards/queries";
import { addComment, assignItem, changeItemStatus, createItem, updateItem } from "@/lib/items/mutations";
import { ActionError } from "@/lib/mutation";
import { contextFor } from "../support/context";
import { createTestDatabase } from "../support/database";

const { db } = await createTestDatabase("demo");
const users = Object.fromEntries(
  (await db.user.findMany({ select: { id: true, username: true, organizationId: true } })).map((u) => [u.username, u]),
);
const icu = (await db.location.findFirstOrThrow({ where: { name: "ICU" } })).id;
const jane = await contextFor(db, "jane");
const sam = await contextFor(db, "sam");
const gina = await contextFor(db, "gina");
const gabe = await contextFor(db, "gabe");

describe("Items", () => {
  it("record each change in the Item Timeline as the effective user", async () => {
    const item = await createItem(jane, { title: "Fix the bed alarm", description: "", locationId: icu, assigneeId: "", status: "NEW" });
    await addComment(jane, { itemId: item.id, body: "Biomed is on it." });
    await changeItemStatus(jane, { itemId: item.id, status: "IN_PROGRESS" });
    await assignItem(jane, { itemId: item.id, assigneeId: users.sam!.id });
    await updateItem(jane, { itemId: item.id, title: "Fix the bed alarms", description: "Beds 3 and 4", locationId: icu });
    // A change to the same value records nothing.
    await changeItemStatus(jane, { itemId: item.id, status: "IN_PROGRESS" });

    const events = await db.timelineEvent.findMany({ where: { itemId: item.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["item.created", "item.commented", "item.status_changed", "item.assigned", "item.updated"]);
    expect(events.every((e) => e.userId === users.jane!.id && e.actorId === users.jane!.id && e.scope === "ITEM")).toBe(true);
    expect(events[2]!.details).toEqual({ from: "NEW", to: "IN_PROGRESS" });
  });

  it("refuse people, Locations and Items of another organization", async () => {
    const item = await db.item.findFirstOrThrow({ where: { assigneeId: users.jane!.id } });
    const before = await db.timelineEvent.count();
    await expect(changeItemStatus(gabe, { itemId: item.id, status: "DONE" })).rejects.toThrow("That Item does not exist.");
    await expect(addComment(gabe, { itemId: item.id, body: "hi" })).rejects.toThrow(ActionError);
    await expect(assignItem(jane, { itemId: item.id, assigneeId: users.gabe!.id })).rejects.toThrow(ActionError);
    const globex = await db.location.findFirstOrThrow({ where: { name: "Globex" } });
    await expect(createItem(jane, { title: "x", description: "", locationId: globex.id, status: "NEW" })).rejects.toThrow(ActionError);
    expect(await db.timelineEvent.count()).toBe(before);
    expect((await db.item.findUniqueOrThrow({ where: { id: item.id } })).status).toBe(item.status);
  });
});

describe("Boards", () => {
  it("are visible to and changeable by their owner only", async () => {
    const board = await createBoard(jane, { name: "Mine", assigneeId: "me" });
    expect(await getOwnBoard(jane, board.id)).toMatchObject({ name: "Mine" });
    expect(await getOwnBoard(sam, board.id)).toBeNull();
    expect(await getOwnBoard(gina, board.id)).toBeNull();

    await expect(renameBoard(sam, { boardId: board.id, name: "Stolen" })).rejects.toThrow("That Board does not exist.");
    await expect(deleteBoard(gina, { boardId: board.id })).rejects.toThrow("That Board does not exist.");
    await expect(updateBoardFilters(jane, { boardId: board.id, assigneeId: users.gabe!.id })).rejects.toThrow(ActionError);

    await renameBoard(jane, { boardId: board.id, name: "Mine, renamed" });
    await updateBoardFilters(jane, { boardId: board.id, "statuses[]": ["NEW", "DONE"] });
    await deleteBoard(jane, { boardId: board.id });
    expect(await getOwnBoard(jane, board.id)).toBeNull();
    const types = (await db.timelineEvent.findMany({ where: { boardId: board.id }, orderBy: { id: "asc" } })).map((e) => e.type);
    expect(types).toEqual(["board.created", "board.renamed", "board.filters_changed", "board.deleted"]);
  });
});

// Lookups keyed by what a request says (a query parameter, a form field, an error code): the names
// every plain object inherits (__proto__, constructor, toString …) are unknown keys like any other.
import { describe, expect, it } from "vitest";
import { impersonationMessage, signInNotice } from "@/lib/auth/messages";
import { formDataToObject, submittedValues } from "@/lib/validations/form-data";

const PROTOTYPE_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__"];

describe("the sign-in page's notices and the re-login's messages", () => {
  it("know their own codes", () => {
    expect(signInNotice("inactivity")).toMatch(/no activity/);
    expect(signInNotice("cookie-conflict")).toMatch(/conflicting session cookies/);
    expect(impersonationMessage("impersonation-expired")).toMatch(/expired or has already been used/);
  });

  it.each(PROTOTYPE_KEYS)("know nothing of %s", (key) => {
    expect(signInNotice(key)).toBeUndefined();
    expect(impersonationMessage(key)).toBeUndefined();
  });

  it("know nothing of a code that is not a string (a repeated query parameter is an array)", () => {
    expect(signInNotice(["inactivity", "signed-out"])).toBeUndefined();
    expect(signInNotice(undefined)).toBeUndefined();
  });
});

describe("a Server Action's form fields as an object", () => {
  it("keeps each field, a repeated one or one named …[] as a list, and drops React's own", () => {
    const form = new FormData();
    form.append("title", "Fix the rota");
    form.append("statuses[]", "OPEN");
    form.append("tag", "a");
    form.append("tag", "b");
    form.append("$ACTION_ID_abc", "");
    expect(formDataToObject(form)).toEqual({ title: "Fix the rota", "statuses[]": ["OPEN"], tag: ["a", "b"] });
  });

  it.each(PROTOTYPE_KEYS)("holds a field named %s as its own value, never as the object's prototype", (key) => {
    const form = new FormData();
    form.append(key, "x");
    form.append(key, "y"); // twice: a list, which as __proto__ would make the object an array's child
    form.append("title", "t");
    const object = formDataToObject(form);
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(Object.hasOwn(object, key)).toBe(true);
    expect(object[key]).toEqual(["x", "y"]);
    expect(object.title).toBe("t");
    expect("map" in object).toBe(false);

    const values = submittedValues(form);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.hasOwn(values, key)).toBe(true);
  });

  it("never sends a password back", () => {
    const form = new FormData();
    form.append("username", "jane");
    form.append("currentPassword", "secret");
    expect(submittedValues(form)).toEqual({ username: "jane" });
  });
});

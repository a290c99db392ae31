// The signed-in user's authority, read once per request: Auth.js's jwt callback (is the user still
// active?) and the request context (what may they do?) share this one query.
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { loadAuthority } from "./authority";

export const loadViewerAuthority = cache((userId: string) => loadAuthority(db, userId));

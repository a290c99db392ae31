// Class names for Tailwind: conditional parts joined (clsx), and conflicting utilities resolved so
// that a `className` passed in wins over the component's default (tailwind-merge: `px-3` replaces
// `px-4` rather than racing it in the stylesheet).
import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

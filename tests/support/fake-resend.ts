// The fake Resend API lives with the scripts (the benchmark drives it too).
export * from "@/scripts/lib/fake-resend";

"use client";
// When the root layout itself fails (the database is down, say), this replaces it. Next's built-in
// page uses inline styles, which the Content-Security-Policy refuses, so it would show unstyled.
import "./globals.css";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-xl px-4 py-16 text-center">
          <h1 className="text-2xl font-semibold">Something went wrong</h1>
          <p className="mt-2 text-slate-600">
            Kaizen Hub could not be shown. Try again in a moment; if it keeps failing, tell your administrator
            {error.digest ? ` (reference ${error.digest})` : ""}.
          </p>
          <button
            type="button"
            onClick={reset}
            className="mt-6 rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}

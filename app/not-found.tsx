import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">It does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">
        Go to the home page
      </Link>
    </main>
  );
}

/** The Impersonate User icon: a person wearing a hat and coat. Decorative: its button is labelled. */
export function ImpersonateIcon({ className = "h-5 w-5" }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" className={className}>
      {/* hat: brim and crown */}
      <path d="M6.5 7.5h11" />
      <path d="M8.5 7.5 9.2 3.6h5.6l.7 3.9" />
      {/* face */}
      <path d="M9 8.2a3 3 0 0 0 6 0" />
      {/* coat: collar, lapels, hem and buttons */}
      <path d="M5 21.5l1.2-7.3A3.5 3.5 0 0 1 9.6 11.5h4.8a3.5 3.5 0 0 1 3.4 2.7L19 21.5z" />
      <path d="M10 11.5l2 3.5 2-3.5" />
      <path d="M12 15v6.5" />
      <circle cx="13.2" cy="17" r="0.35" fill="currentColor" />
      <circle cx="13.2" cy="19.2" r="0.35" fill="currentColor" />
    </svg>
  );
}

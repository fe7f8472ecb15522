import type { ComponentChildren } from 'preact';

/** A boxed message; errors are announced at once (role=alert), other notices are not. */
export function Notice({ kind = 'info', children }: { kind?: 'info' | 'error' | 'success'; children: ComponentChildren }) {
  return (
    <div class={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : undefined}>
      {children}
    </div>
  );
}

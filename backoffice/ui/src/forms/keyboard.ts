// Keyboard-first forms as in PayTraq: Enter moves to the next field, and submits from the last one.
import type { KeyboardEvent } from 'react';

const focusable = 'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button[type=submit]:not([disabled])';

export function enterMovesNext(e: KeyboardEvent<HTMLElement>): void {
  if (e.defaultPrevented || e.key !== 'Enter' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
  const target = e.target as HTMLElement;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON') return;
  if (target.dataset.enter === 'own') return; // the field handles Enter itself (e.g. scanning an item code)
  const form = e.currentTarget;
  const fields = Array.from(form.querySelectorAll<HTMLElement>(focusable));
  const i = fields.indexOf(target);
  const next = fields[i + 1];
  // From the last field Enter submits, as browsers do by themselves.
  if (next instanceof HTMLButtonElement) return;
  if (i >= 0 && next) {
    e.preventDefault();
    next.focus();
    if (next instanceof HTMLInputElement) next.select();
  }
}

/** True when a key press happened outside any text field, so single-letter shortcuts are safe. */
export function outsideTextField(e: globalThis.KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t) return true;
  return !(t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

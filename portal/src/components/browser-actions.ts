// The browser's own clipboard and confirmation dialog, for components (lint knows the DOM globals in .ts files).

/** Copies text to the clipboard; false when the browser refused (no permission, insecure origin). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await window.navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The browser's confirmation dialog (accessible, keyboard operable). */
export function askToConfirm(question: string): boolean {
  return window.confirm(question);
}

// The canvas follows the changes of its command stack while it is in the document: a
// reactive controller, so a canvas taken out of the page (the editor's page left) holds no
// subscription, and one put back picks it up again.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { ChangeEvent, CommandStack } from "../../editor/mod.ts";

export class StackBinding implements ReactiveController {
  #stack?: CommandStack;
  #unsubscribe?: () => void;

  constructor(host: ReactiveControllerHost, private onChange: (e: ChangeEvent) => void) {
    host.addController(this);
  }

  get stack(): CommandStack | undefined {
    return this.#stack;
  }

  /** Follows `value` instead of the stack before; false when it is that stack. */
  set(value: CommandStack | undefined): boolean {
    if (value === this.#stack) return false;
    this.#unsubscribe?.();
    this.#stack = value;
    this.#unsubscribe = value?.onChange((e) => this.onChange(e));
    return true;
  }

  hostConnected() {
    if (this.#stack && !this.#unsubscribe) {
      this.#unsubscribe = this.#stack.onChange((e) => this.onChange(e));
    }
  }

  hostDisconnected() {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}

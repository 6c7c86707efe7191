// Work begun for one open project (a list read, a document opened, a change-feed round) may answer after the
// user closed it or opened another: the backend then refuses its next calls ("no project is open") or answers
// them from the other project. Every open and close starts a new epoch; work that began in an earlier one
// makes no further calls and changes nothing.
export class ProjectEpoch {
  private now = 0;

  /** A project was adopted, or the open one is being closed. */
  advance(): void {
    this.now++;
  }

  mark(): number {
    return this.now;
  }

  /** Whether work that took `mark` when it began still belongs to the project shown. */
  holds(mark: number): boolean {
    return mark === this.now;
  }
}

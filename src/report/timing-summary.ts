// --timing (or -v): the slowest tasks after the recap, in the shape of Ansible's profile_tasks
// callback ("name ------------- 1.60s"). A task's time runs from its start to its last host result.
import { banner } from './banner.js';
import type { RunEvent, TaskRef } from '../engine/events.js';

const SHOWN = 20;
const WIDTH = 80;

interface TaskTime {
  readonly title: string;
  readonly startedAt: number;
  endedAt: number;
}

export class TaskTimes {
  private readonly times: TaskTime[] = [];
  private current = new Map<string, TaskTime>();

  constructor(private readonly clock: () => number = Date.now) {}

  private key(task: TaskRef): string {
    return `${task.isHandler ? 'H' : 'T'}\u0000${task.where}\u0000${task.title}`;
  }

  readonly onEvent = (event: RunEvent): void => {
    if (event.type === 'task_start') {
      const now = this.clock();
      const time = { title: event.task.isHandler ? `${event.task.title} (handler)` : event.task.title, startedAt: now, endedAt: now };
      this.current.set(this.key(event.task), time);
      this.times.push(time);
    } else if (event.type === 'host_result') {
      const time = this.current.get(this.key(event.task));
      if (time) time.endedAt = this.clock();
    } else if (event.type === 'play_start') {
      this.current = new Map();
    }
  };

  /** The slowest tasks, slowest first, as profile_tasks prints them; empty when no task ran. */
  format(): string {
    if (this.times.length === 0) return '';
    const slowest = [...this.times].sort((a, b) => b.endedAt - b.startedAt - (a.endedAt - a.startedAt)).slice(0, SHOWN);
    const lines = slowest.map((t) => {
      const seconds = ` ${((t.endedAt - t.startedAt) / 1000).toFixed(2)}s`;
      const name = `${t.title} `;
      return name.length + seconds.length >= WIDTH ? `${name}${seconds}` : `${name}${'-'.repeat(WIDTH - name.length - seconds.length)}${seconds}`;
    });
    return `${banner('TASKS RECAP (slowest first)')}\n${lines.join('\n')}\n\n`;
  }
}

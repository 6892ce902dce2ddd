// Help texts for `tsplay --help` and `tsplay run --help`.

export const MAIN_HELP = `usage: tsplay <command> [options]

Agentless, Ansible-style playbook runner.

commands:
  run PLAYBOOK [options]       run a playbook (alias: playbook)
  vault ACTION [options]       encrypt, decrypt, view, edit files; encrypt-string
  role list | doc NAME         the roles found (shipped ones included); one role's arguments
  runs [PLAYBOOK|DIR]          list the recorded runs (.tsplay/runs next to the playbook)
  report [RUN|last] [-o FILE]  one HTML page for a recorded run (--since RUN: what changed)
  help [run]                   show this help, or the options of run

options:
  -h, --help                   show this help and exit
  --version                    show the version and exit

Run 'tsplay run --help' for the options of run.
`;

export const RUN_HELP = `usage: tsplay run PLAYBOOK [options]        (alias: tsplay playbook PLAYBOOK)

inventory and hosts:
  -i, --inventory SRC          inventory file, directory or 'h1,h2,' list (repeatable;
                               default inventory/hosts.yml when it exists)
  -l, --limit PATTERN          further limit the hosts to this pattern
  -t, --tags TAGS              only run tasks with these tags (comma list, repeatable)
      --skip-tags TAGS         skip tasks with these tags (comma list, repeatable)
  -e, --extra-vars VARS        k=v pairs (strings), JSON/YAML, or @file (repeatable; later wins)
      --roles-path PATHS       extra role directories (colon-separated, repeatable)

connection:
  -u, --user USER              remote user
      --private-key FILE       SSH private key file
      --known-hosts FILE       known_hosts file to check host keys against (repeatable)
      --host-key-checking MODE strict (default) | accept-new | off
  -T, --timeout SECONDS        connection timeout (default 10)
  -f, --forks N                hosts worked on at once within a task (default 100)
      --connect-retries N      retries (with backoff) of a transient connection failure (default 2)

privilege escalation:
  -b, --become                 run tasks with sudo
      --become-user USER       become this user (default root)
  -K, --ask-become-pass        ask for the sudo password on the terminal

vault:
      --vault-password-file F  vault password from F (run when executable; repeatable)
      --vault-id [LABEL@]SRC   vault password with an id; SRC is a file or 'prompt'
  -J, --ask-vault-pass         ask for the vault password on the terminal

run mode:
  -C, --check                  predict changes, change nothing
  -D, --diff                   show differences in changed files
      --detailed-exitcode      with --check: exit 3 when something would change
      --start-at-task NAME     start at the first task with this name
      --force-handlers         run notified handlers even on failed hosts

inspection (nothing is contacted):
      --syntax-check           check the playbook, roles and inventory, then exit
      --list-hosts             list the hosts each play would run on
      --list-tasks             list the tasks each play would run
      --list-tags              list the tags of each play

output:
      --json                   one JSON document on stdout at the end (with a drift list)
      --plain                  Ansible's line output even on a terminal
      --log-file FILE          also append the plain lines to FILE (or TSPLAY_LOG_FILE,
                               ANSIBLE_LOG_PATH), each with a time stamp
      --timing                 the slowest tasks after the recap (also with -v)
      --runs-dir DIR           where the run record goes (default .tsplay/runs next to
                               the playbook, or TSPLAY_RUNS_DIR; 'off': no record)
  -v, --verbose                more output: -v results, -vv task paths, -vvv commands
                               and stack traces, -vvvv connection debugging
  -h, --help                   show this help and exit

exit codes (as ansible-playbook):
  0    ok (changes and ignored errors included)
  1    error: missing file, empty --limit, unknown handler
  2    a host failed in any play; also a malformed command line
  3    --check --detailed-exitcode: something would change
  4    a host was unreachable (wins over 2); also a playbook parse or validation error
  5    options that cannot be honoured (--forks 0, --detailed-exitcode without --check)
  99   interrupted (Ctrl-C; a second Ctrl-C exits at once)
  250  unexpected internal error

Colours only on a terminal and never with NO_COLOR set.
`;

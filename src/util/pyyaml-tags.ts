// YAML 1.1 as PyYAML (what Ansible uses) reads it, on top of the `yaml` library's 1.1 schema.
// Used for playbooks and vars files (load/yaml-source.ts) and by the from_yaml filter.
import type { Tags } from 'yaml';

// PyYAML treats only these words as booleans; the `yaml` library's 1.1 schema also turns
// y/Y/n/N into booleans, which would silently change `answer: y`.
const PYYAML_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PYYAML_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;

export function pyyamlTags(tags: Tags): Tags {
  return tags
    // Dates stay strings: templates and modules expect text, not Date objects.
    .filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:timestamp')
    .map((tag) => {
      if (typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:bool' || !('test' in tag) || !tag.test) return tag;
      const isTrue = tag.test.test('true');
      return { ...tag, test: isTrue ? PYYAML_TRUE : PYYAML_FALSE } as typeof tag;
    });
}

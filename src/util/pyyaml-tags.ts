// YAML 1.1 as PyYAML (what Ansible uses) reads it, on top of the `yaml` library's 1.1 schema.
// Used for playbooks and vars files (load/yaml-source.ts) and by the from_yaml filter.
import type { Tags } from 'yaml';

// PyYAML treats only these words as booleans; the `yaml` library's 1.1 schema also turns
// y/Y/n/N into booleans, which would silently change `answer: y`.
const PYYAML_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PYYAML_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;

// PyYAML's float resolver wants digits and a dot (`1.5`, `.5`, `1.0e+3`: the exponent needs its
// sign); the `yaml` library's also reads `e1`, `1e3` and `.` as floats, so a host named e1 became
// NaN. Those stay strings, as in Ansible.
const PYYAML_FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)$/;
const PYYAML_FLOAT_EXP = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*[eE][-+][0-9]+|\.[0-9_]+[eE][-+][0-9]+)$/;

export function pyyamlTags(tags: Tags): Tags {
  return tags
    // Dates stay strings: templates and modules expect text, not Date objects.
    .filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:timestamp')
    .map((tag) => {
      if (typeof tag === 'string' || !('test' in tag) || !tag.test) return tag;
      if (tag.tag === 'tag:yaml.org,2002:float' && tag.format === 'EXP') return { ...tag, test: PYYAML_FLOAT_EXP } as typeof tag;
      if (tag.tag === 'tag:yaml.org,2002:float' && tag.test.test('1.5')) return { ...tag, test: PYYAML_FLOAT } as typeof tag;
      if (tag.tag !== 'tag:yaml.org,2002:bool') return tag;
      const isTrue = tag.test.test('true');
      return { ...tag, test: isTrue ? PYYAML_TRUE : PYYAML_FALSE } as typeof tag;
    });
}

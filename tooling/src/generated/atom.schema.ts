// Generated from schemas/atom.schema.json by tooling/scripts/generate-schema-types.ts. Do not edit.
export const atomSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://atomkit.dev/schemas/atom.schema.json",
  "title": "Knowledge atom header",
  "description": "The YAML header of a knowledge atom: one idea, in one Markdown file of 400-800 words.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "title",
    "summary",
    "type",
    "author",
    "created",
    "version",
    "tags",
    "related"
  ],
  "properties": {
    "title": {
      "description": "The atom's title, unique across the knowledge base. Other atoms name it in `related`.",
      "type": "string",
      "minLength": 3,
      "maxLength": 120,
      "pattern": "\\S"
    },
    "summary": {
      "description": "The one-liner: what this atom is for and in what context it applies.",
      "type": "string",
      "minLength": 10,
      "maxLength": 300
    },
    "type": {
      "description": "The kind of knowledge this atom holds; it decides which body sections are required.",
      "enum": [
        "error",
        "procedure",
        "playbook",
        "interface-input",
        "troubleshooting",
        "config-template",
        "pitfall",
        "faq"
      ]
    },
    "author": {
      "description": "Who wrote the atom down (a name or a handle).",
      "type": "string",
      "minLength": 1,
      "maxLength": 120
    },
    "created": {
      "description": "The day the atom was first written, as YYYY-MM-DD.",
      "type": "string",
      "format": "date"
    },
    "updated": {
      "description": "The day the atom was last changed in substance, as YYYY-MM-DD.",
      "type": "string",
      "format": "date"
    },
    "version": {
      "description": "The atom's version (semver): bump the minor for new facts, the major when old facts became wrong.",
      "type": "string",
      "pattern": "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$"
    },
    "status": {
      "description": "Editorial state. Drafts are linted but not published in production builds.",
      "enum": [
        "draft",
        "review",
        "published"
      ],
      "default": "published"
    },
    "tags": {
      "description": "Keywords for browsing and search filters (lower case, hyphenated).",
      "type": "array",
      "uniqueItems": true,
      "maxItems": 20,
      "items": {
        "type": "string",
        "pattern": "^[\\p{Ll}\\p{Lo}\\p{N}][\\p{Ll}\\p{Lo}\\p{N}-]*$",
        "maxLength": 40
      }
    },
    "related": {
      "description": "Titles of other atoms a reader of this one should know about. Each must resolve to an atom.",
      "type": "array",
      "uniqueItems": true,
      "maxItems": 30,
      "items": {
        "type": "string",
        "minLength": 1,
        "maxLength": 120
      }
    },
    "language": {
      "description": "The language the atom is written in, as a BCP 47 tag.",
      "type": "string",
      "pattern": "^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$",
      "default": "en"
    },
    "translation_of": {
      "description": "For a translation: the title of the atom this one translates.",
      "type": "string",
      "minLength": 1,
      "maxLength": 120
    },
    "source_version": {
      "description": "For a translation: the version of the source atom that was translated.",
      "type": "string",
      "pattern": "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$"
    },
    "prerequisites": {
      "description": "What must be true before the atom applies.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "role": {
          "description": "Who can do this (a role or permission).",
          "type": "string",
          "minLength": 1
        },
        "system_state": {
          "description": "The state the system must be in.",
          "type": "string",
          "minLength": 1
        },
        "inputs": {
          "description": "What the reader needs at hand.",
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          }
        }
      }
    },
    "error_codes": {
      "description": "For error atoms: codes and message fragments that appear in logs, matched exactly when a user pastes a log line.",
      "type": "array",
      "uniqueItems": true,
      "items": {
        "type": "string",
        "minLength": 2,
        "maxLength": 200
      }
    },
    "sources": {
      "description": "Where the knowledge came from: an interview file and anchor, a ticket, a document.",
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "ref"
        ],
        "properties": {
          "ref": {
            "description": "A path (with optional #anchor) or a URL.",
            "type": "string",
            "minLength": 1
          },
          "note": {
            "description": "What was taken from it.",
            "type": "string"
          }
        }
      }
    }
  }
} as const;

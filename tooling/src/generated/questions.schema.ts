// Generated from schemas/questions.schema.json by tooling/scripts/generate-schema-types.ts. Do not edit.
export const questionsSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://atomkit.dev/schemas/questions.schema.json",
  "title": "atomkit evaluation question set",
  "description": "eval/questions.yaml: questions people ask about the atoms, each with the atoms that answer it. `atomkit eval` measures retrieval and answers against it.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "questions"
  ],
  "properties": {
    "$schema": {
      "type": "string"
    },
    "questions": {
      "description": "The questions, in any order.",
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "text",
          "kind",
          "gold"
        ],
        "properties": {
          "id": {
            "description": "Stable id of the question, unique in the set (lower case, hyphenated), so reports can be compared across runs.",
            "type": "string",
            "pattern": "^[a-z0-9][a-z0-9-]*$",
            "maxLength": 80
          },
          "text": {
            "description": "The question as a person would type or paste it: a paraphrase, a vague question, a pasted log line or lint diagnostic, or several questions at once.",
            "type": "string",
            "minLength": 3,
            "maxLength": 2000,
            "pattern": "\\S"
          },
          "kind": {
            "description": "How the question is asked: `paraphrase` (the atom's idea in other words), `vague` (a fuzzy description of a need), `pasted-error` (a log line, error message or lint diagnostic pasted as is), `multi-part` (two or more questions in one), `keyword` (a few search-box words).",
            "enum": [
              "paraphrase",
              "vague",
              "pasted-error",
              "multi-part",
              "keyword"
            ]
          },
          "language": {
            "description": "The language the question is written in, as a BCP 47 tag.",
            "type": "string",
            "pattern": "^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$",
            "default": "en"
          },
          "gold": {
            "description": "Ids of the atoms that answer the question (their path under `atoms/` without `.md`), most complete answer first.",
            "type": "array",
            "minItems": 1,
            "uniqueItems": true,
            "maxItems": 5,
            "items": {
              "type": "string",
              "pattern": "^[^/\\s][^\\s]*$",
              "maxLength": 200
            }
          },
          "facts": {
            "description": "Short strings a correct answer must contain (matched case-insensitively, ignoring runs of white space).",
            "type": "array",
            "uniqueItems": true,
            "maxItems": 10,
            "items": {
              "type": "string",
              "minLength": 1,
              "maxLength": 200
            }
          },
          "note": {
            "description": "Why the gold atoms answer the question, for reviewers.",
            "type": "string",
            "maxLength": 500
          }
        }
      }
    }
  }
} as const;

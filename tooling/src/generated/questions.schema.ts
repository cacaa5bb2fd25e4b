// Generated from schemas/questions.schema.json by tooling/scripts/generate-schema-types.ts. Do not edit.
export const questionsSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://atomkit.dev/schemas/questions.schema.json",
  "title": "atomkit evaluation question set",
  "description": "A question set (eval/questions*.yaml, eval/corpora/*.yaml): questions people ask, each with the atoms or source pages that answer it, or marked as not answered by the atoms. `atomkit eval` splits every set into a dev part (tune on it) and a test part (report only) by a hash of each question id, and measures retrieval, answers and refusals on both.",
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
          "kind"
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
            "description": "Ids of the atoms that answer the question (their path under `atoms/` without `.md`), most complete answer first. Give exactly one of `gold`, `sources` or `unanswerable`.",
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
          "sources": {
            "description": "Paths of the source pages (relative to the set's `corpus` folder) whose imported atoms answer the question, most complete first: answers named this way survive changes to how the importer splits and titles pages.",
            "type": "array",
            "minItems": 1,
            "uniqueItems": true,
            "maxItems": 5,
            "items": {
              "type": "string",
              "pattern": "^[^/\\s][^\\s]*$",
              "maxLength": 300
            }
          },
          "unanswerable": {
            "description": "The atoms do not answer this question: the assistant should say so (refuse) rather than quote an unrelated atom. Refusal precision and recall are measured on these.",
            "type": "boolean",
            "const": true
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
    },
    "corpus": {
      "description": "A folder of existing docs (.md/.mdx) the questions are about, relative to this file. `atomkit eval` imports it with `atomkit import` into `.atomkit/eval-corpora/` and indexes it at run time; questions then name their answers by `sources`.",
      "type": "string",
      "minLength": 1,
      "maxLength": 1000
    }
  }
} as const;

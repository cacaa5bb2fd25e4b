// Generated from schemas/interview.schema.json by tooling/scripts/generate-schema-types.ts. Do not edit.
export const interviewSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://atomkit.dev/schemas/interview.schema.json",
  "title": "Interview transcript header",
  "description": "The YAML header of an interview transcript in `interviews/`: who was interviewed, by whom, when, about which system and topics. The body is speaker turns, each opened by a stable anchor `<a id=\"t-001\"></a>**Speaker:**`.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "interviewee",
    "role",
    "interviewer",
    "date",
    "system",
    "topics"
  ],
  "properties": {
    "title": {
      "description": "A short name for the session, shown in coverage reports.",
      "type": "string",
      "minLength": 3,
      "maxLength": 120
    },
    "interviewee": {
      "description": "The person who knows the system; their turns are the knowledge atoms cite.",
      "type": "string",
      "minLength": 1,
      "maxLength": 120
    },
    "role": {
      "description": "The interviewee's job, e.g. `support engineer` or `operator`.",
      "type": "string",
      "minLength": 2,
      "maxLength": 120
    },
    "interviewer": {
      "description": "Who asked the questions (usually the documentation lead).",
      "type": "string",
      "minLength": 1,
      "maxLength": 120
    },
    "others": {
      "description": "Other people who speak in the transcript, by the name used in their turns.",
      "type": "array",
      "uniqueItems": true,
      "items": {
        "type": "string",
        "minLength": 1,
        "maxLength": 120
      }
    },
    "date": {
      "description": "The day of the interview, as YYYY-MM-DD.",
      "type": "string",
      "format": "date"
    },
    "system": {
      "description": "The system the interview is about.",
      "type": "string",
      "minLength": 1,
      "maxLength": 120
    },
    "topics": {
      "description": "What was covered (lower case, hyphenated); extracted drafts are tagged with them.",
      "type": "array",
      "minItems": 1,
      "uniqueItems": true,
      "maxItems": 20,
      "items": {
        "type": "string",
        "pattern": "^[\\p{Ll}\\p{Lo}\\p{N}][\\p{Ll}\\p{Lo}\\p{N}-]*$",
        "maxLength": 40
      }
    },
    "language": {
      "description": "The language of the transcript, as a BCP 47 tag.",
      "type": "string",
      "pattern": "^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$",
      "default": "en"
    },
    "duration_minutes": {
      "description": "How long the session lasted.",
      "type": "integer",
      "minimum": 1
    }
  }
} as const;

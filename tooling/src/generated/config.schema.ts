// Generated from schemas/config.schema.json by tooling/scripts/generate-schema-types.ts. Do not edit.
export const configSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://atomkit.dev/schemas/config.schema.json",
  "title": "atomkit configuration",
  "description": "atomkit.config.yaml at the project root. Every field is optional; defaults are shown.",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "type": "string"
    },
    "atoms": {
      "description": "Where the knowledge base lives.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "dir": {
          "description": "Folder of atoms, relative to the project root.",
          "type": "string",
          "default": "atoms"
        },
        "interviews": {
          "description": "Folder of interview transcripts.",
          "type": "string",
          "default": "interviews"
        },
        "defaultLanguage": {
          "description": "BCP 47 tag of the knowledge base's main language: of atoms without `language`, and of the site's pages without a locale prefix.",
          "type": "string",
          "default": "en"
        },
        "locales": {
          "description": "The site's other languages. Each one is a top-level folder of `atoms/` with that name (`atoms/ja/`), holding that language's atoms; its pages live under `/<locale>/`. Unset: every top-level folder of `atoms/` named like a language tag (not an atom type) is a locale. `[]` makes a site with one language.",
          "type": "array",
          "items": {
            "type": "string",
            "pattern": "^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
          }
        }
      },
      "default": {}
    },
    "site": {
      "description": "The published docs site.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "organisation": {
          "description": "Who the knowledge base belongs to, e.g. `Acme Logistics`. The site title defaults to `<organisation> knowledge base`.",
          "type": "string",
          "minLength": 1
        },
        "title": {
          "description": "The site's title, in the header of every page and in `llms.txt`. Default: `<organisation> knowledge base`, or `Knowledge base` without an organisation.",
          "type": "string",
          "minLength": 1
        },
        "url": {
          "description": "Origin the site is served from (used for absolute links in `llms.txt`, lint messages and chat answers over MCP).",
          "type": "string",
          "format": "uri",
          "default": "http://localhost:4321"
        },
        "base": {
          "description": "Base path of the knowledge base's pages, e.g. `/my-repo` for a GitHub project page. In a Starlight site of your own, the site's `base` followed by the plugin's `base` (e.g. `/docs/kb`), so chat citations link to the atom pages.",
          "type": "string",
          "pattern": "^(/[A-Za-z0-9._~-]+)*/?$",
          "default": "/"
        },
        "repoUrl": {
          "description": "The repository that holds the knowledge base, e.g. `https://github.com/acme/handbook`: the site's header links to it. On GitHub or GitLab it also gives `editUrl` (its `main` branch) and `bot.support.suggestUrl` (a new issue) when those are not set. Unset: no repository link.",
          "type": "string",
          "format": "uri"
        },
        "editUrl": {
          "description": "URL of the repository folder that holds the project, for each atom page's edit link, e.g. `https://github.com/acme/handbook/edit/main/`. Unset: derived from `repoUrl`, else no edit links.",
          "type": "string",
          "format": "uri"
        }
      },
      "default": {}
    },
    "lint": {
      "description": "Lint rule severities and thresholds.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "docsUrl": {
          "description": "Where each rule's page lives: the site that publishes atomkit's handbook (one error atom per rule code). Lint messages link to `<docsUrl>/error/<rule>/`. Point it at your own site if you publish the handbook's error atoms there.",
          "type": "string",
          "format": "uri",
          "pattern": "^https?://",
          "default": "https://atomkit.github.io/"
        },
        "rules": {
          "description": "Severity per rule code (`error`, `warn` or `off`); a `markdown/*` key sets all Markdown style rules.",
          "type": "object",
          "additionalProperties": {
            "enum": [
              "error",
              "warn",
              "off"
            ]
          },
          "default": {}
        },
        "minWords": {
          "description": "Below this many words `size/too-short` warns.",
          "type": "integer",
          "minimum": 0,
          "default": 400
        },
        "maxWords": {
          "description": "Above this many words `size/too-long` warns.",
          "type": "integer",
          "minimum": 1,
          "default": 800
        },
        "languages": {
          "description": "Word limits for the atoms of a language (the atom's `language`, else its locale folder), in place of `minWords` and `maxWords`. A key is a BCP 47 tag; `ja` also covers `ja-JP`. Words are counted with Intl.Segmenter, which finds about 1.35 times as many words in a Japanese text as in the same text in English.",
          "type": "object",
          "propertyNames": {
            "description": "A BCP 47 language tag, like `ja` or `pt-BR`.",
            "pattern": "^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
          },
          "additionalProperties": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "minWords",
              "maxWords"
            ],
            "properties": {
              "minWords": {
                "type": "integer",
                "minimum": 0
              },
              "maxWords": {
                "type": "integer",
                "minimum": 1
              }
            }
          },
          "default": {
            "ja": {
              "minWords": 540,
              "maxWords": 1080
            }
          }
        },
        "maxFileBytes": {
          "description": "Files larger than this are not parsed (`file/too-large`).",
          "type": "integer",
          "minimum": 1024,
          "default": 1048576
        },
        "ignore": {
          "description": "Glob patterns (relative to the project root) that are never linted.",
          "type": "array",
          "items": {
            "type": "string"
          },
          "default": []
        },
        "cache": {
          "description": "Remember each file's results by its content, so unchanged atoms are not parsed again (`atomkit lint --cache`). Cross-file checks always run on the whole corpus.",
          "type": "boolean",
          "default": false
        },
        "cacheFile": {
          "description": "Where the lint cache is kept.",
          "type": "string",
          "default": ".atomkit/lint-cache.json"
        }
      },
      "default": {}
    },
    "index": {
      "description": "The local search index.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "dir": {
          "description": "Where the index artifact is written.",
          "type": "string",
          "default": ".atomkit/index"
        },
        "cache": {
          "description": "SQLite file caching embeddings.",
          "type": "string",
          "default": ".atomkit/embeddings.sqlite"
        },
        "includeDrafts": {
          "description": "Index atoms with `status: draft` too (they are left out by default).",
          "type": "boolean",
          "default": false
        },
        "maxUnitTokens": {
          "description": "Units longer than this many tokens are split on paragraphs.",
          "type": "integer",
          "minimum": 32,
          "default": 256
        },
        "embedder": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "provider": {
              "description": "`local` (transformers.js), `openai` (an OpenAI-compatible endpoint) or `none` (lexical only).",
              "enum": [
                "local",
                "openai",
                "none"
              ],
              "default": "local"
            },
            "model": {
              "description": "Model id.",
              "type": "string",
              "default": "Xenova/all-MiniLM-L6-v2"
            },
            "quantized": {
              "description": "Load the quantized ONNX weights (local provider).",
              "type": "boolean",
              "default": true
            },
            "modelDir": {
              "description": "Folder of local models (`<org>/<name>/...`). Env: ATOMKIT_MODEL_DIR.",
              "type": "string"
            },
            "allowRemote": {
              "description": "May transformers.js download the model? Env: ATOMKIT_ALLOW_REMOTE_MODELS=0 turns it off.",
              "type": "boolean",
              "default": true
            },
            "cacheDir": {
              "description": "Where downloaded models are kept.",
              "type": "string",
              "default": ".atomkit/models"
            },
            "baseUrl": {
              "description": "OpenAI-compatible base URL (openai provider). Env: ATOMKIT_EMBEDDINGS_BASE_URL.",
              "type": "string"
            },
            "apiKeyEnv": {
              "description": "Name of the environment variable that holds the API key.",
              "type": "string",
              "default": "OPENAI_API_KEY"
            },
            "queryPrefix": {
              "description": "Text put before every question before it is embedded. Models trained with prefixes want them, e.g. `query: ` for E5 (multilingual-e5-small).",
              "type": "string",
              "default": ""
            },
            "documentPrefix": {
              "description": "Text put before every unit before it is embedded, e.g. `passage: ` for E5.",
              "type": "string",
              "default": ""
            },
            "batchSize": {
              "description": "Texts per embedding request.",
              "type": "integer",
              "minimum": 1,
              "default": 32
            }
          },
          "default": {}
        }
      },
      "default": {}
    },
    "bot": {
      "description": "The chat service.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "host": {
          "type": "string",
          "default": "127.0.0.1"
        },
        "port": {
          "type": "integer",
          "minimum": 0,
          "maximum": 65535,
          "default": 4321
        },
        "workers": {
          "description": "Processes serving the API (Node cluster, sharing one port); 0 starts one per CPU core. `rateLimit.max` is per client across them (with PostgreSQL, across every replica too).",
          "type": "integer",
          "minimum": 0,
          "maximum": 64,
          "default": 1
        },
        "db": {
          "description": "SQLite file for threads, feedback and the answer cache (when `store` is `sqlite`).",
          "type": "string",
          "default": ".atomkit/bot.sqlite"
        },
        "store": {
          "description": "Where threads, feedback, the answer cache, unanswered questions and (with PostgreSQL) the rate-limit counters are kept: `sqlite` (the file `db`, one machine) or a PostgreSQL connection string `postgres://user:password@host:5432/database`, shared by several replicas. Env: ATOMKIT_DATABASE_URL. The password is never printed.",
          "type": "string",
          "pattern": "^(sqlite|postgres(ql)?://.+)$",
          "writeOnly": true,
          "default": "sqlite"
        },
        "postgres": {
          "description": "Connection settings used when `store` is a PostgreSQL connection string.",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "poolSize": {
              "description": "Connections each process keeps open at most. Replicas × workers × poolSize must stay below the server's `max_connections`.",
              "type": "integer",
              "minimum": 1,
              "maximum": 1000,
              "default": 10
            },
            "statementTimeoutMs": {
              "description": "A statement running longer is cancelled (and the write reported as not stored), so a stuck database cannot hold requests.",
              "type": "integer",
              "minimum": 100,
              "default": 5000
            },
            "connectTimeoutMs": {
              "description": "How long to wait for a connection before a store operation fails.",
              "type": "integer",
              "minimum": 100,
              "default": 5000
            },
            "tls": {
              "description": "`disable`: plain TCP; `require`: TLS without checking the certificate; `verify-full`: TLS with the server certificate checked against `ca` (or the system's roots) and the host name. A `sslmode` in the connection string takes precedence.",
              "enum": [
                "disable",
                "require",
                "verify-full"
              ],
              "default": "disable"
            },
            "ca": {
              "description": "PEM file of the certificate authority that signed the server certificate (`tls: verify-full`), relative to the project root.",
              "type": "string"
            }
          },
          "default": {}
        },
        "trustProxy": {
          "description": "Addresses (or CIDR ranges) of the reverse proxies in front of the service, e.g. `[\"127.0.0.1\"]` for nginx on the same machine. Their `X-Forwarded-For` header names the client, so rate limits count per client instead of per proxy. Empty: the connecting address is the client.",
          "type": "array",
          "items": {
            "type": "string"
          },
          "default": []
        },
        "cors": {
          "description": "Origins allowed to call the API from a browser.",
          "type": "array",
          "items": {
            "type": "string"
          },
          "default": []
        },
        "rateLimit": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "enabled": {
              "description": "Limit API requests per IP (answered with 429 and `Retry-After`). Turn off only behind a proxy that limits, or for benchmarks.",
              "type": "boolean",
              "default": true
            },
            "max": {
              "description": "Requests per window per IP.",
              "type": "integer",
              "minimum": 1,
              "default": 60
            },
            "windowMs": {
              "description": "Window length in milliseconds.",
              "type": "integer",
              "minimum": 1000,
              "default": 60000
            }
          },
          "default": {}
        },
        "maxQuestionChars": {
          "type": "integer",
          "minimum": 10,
          "default": 2000
        },
        "cache": {
          "description": "Cache answers by question, index and model.",
          "type": "boolean",
          "default": true
        },
        "minScore": {
          "description": "Below this retrieval confidence (0..1: how much of the question the best atom covers) the answer is \"not in the atoms\". The default is the threshold `atomkit eval` calibrates on the dev parts of atomkit's question sets (it refuses at most 5% of their answerable questions); the report shows the one your own question sets suggest.",
          "type": "number",
          "minimum": 0,
          "default": 0.24
        },
        "historyTurns": {
          "description": "Previous turns given to the model.",
          "type": "integer",
          "minimum": 0,
          "default": 6
        },
        "support": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "contact": {
              "description": "Who people ask when the atoms do not cover a question, as the chat assistant names them, e.g. `the platform team (#platform on chat)`.",
              "type": "string",
              "default": "the documentation team"
            },
            "suggestUrl": {
              "description": "Template of the \"suggest an atom\" link the chat assistant offers when the atoms do not cover a question; `{question}` is replaced. Unset: a new issue in `site.repoUrl` on GitHub or GitLab, else no link.",
              "type": "string"
            }
          },
          "default": {}
        },
        "llm": {
          "description": "An OpenAI-compatible chat endpoint. Without `baseUrl` (or env ATOMKIT_LLM_BASE_URL) answers are extractive.",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "baseUrl": {
              "type": "string"
            },
            "apiKeyEnv": {
              "type": "string",
              "default": "OPENAI_API_KEY"
            },
            "models": {
              "description": "Tried in order; then extractive. Each entry is a model name, or an object with the name and settings for that model. Env ATOMKIT_LLM_MODELS (comma-separated names) replaces the list.",
              "type": "array",
              "items": {
                "anyOf": [
                  {
                    "type": "string",
                    "minLength": 1
                  },
                  {
                    "type": "object",
                    "description": "A model with settings of its own. Settings not given are not sent: the endpoint's defaults apply.",
                    "additionalProperties": false,
                    "required": [
                      "name"
                    ],
                    "properties": {
                      "name": {
                        "description": "The model name the endpoint knows (as `ollama list` or the provider shows it).",
                        "type": "string",
                        "minLength": 1
                      },
                      "temperature": {
                        "description": "Sampling temperature. Left out of the request unless set: reasoning models (OpenAI's o-series, gpt-5) accept only their default.",
                        "type": "number",
                        "minimum": 0,
                        "maximum": 2
                      },
                      "maxOutputTokens": {
                        "description": "The most tokens the model may write per reply (thinking included for reasoning models). Unset: the endpoint's limit.",
                        "type": "integer",
                        "minimum": 1
                      },
                      "outputTokensParam": {
                        "description": "The request field `maxOutputTokens` is sent as: `max_completion_tokens` for OpenAI reasoning models, `max_tokens` for most other servers (Ollama, vLLM, llama.cpp). A server that refuses one is sent the other.",
                        "enum": [
                          "max_tokens",
                          "max_completion_tokens"
                        ],
                        "default": "max_tokens"
                      },
                      "reasoningEffort": {
                        "description": "Sent as `reasoning_effort` to reasoning models: how much they think before answering. Unset: not sent.",
                        "enum": [
                          "none",
                          "minimal",
                          "low",
                          "medium",
                          "high",
                          "xhigh"
                        ]
                      },
                      "extraBody": {
                        "description": "Fields merged into every request to this model, for server-specific options: vLLM's `chat_template_kwargs`, Ollama's `options: {num_ctx: 8192}`. They never replace `model`, `messages` or `stream`.",
                        "type": "object",
                        "default": {}
                      },
                      "contextTokens": {
                        "description": "The model's context window in tokens as the server runs it (Ollama's `num_ctx`, vLLM's `--max-model-len`). `atomkit serve` warns at start when the prompt budget (`maxContextTokens`) plus `maxOutputTokens` does not fit in it.",
                        "type": "integer",
                        "minimum": 256
                      },
                      "stripThinking": {
                        "description": "Remove `<think>...</think>` blocks from replies, so thinking aloud never reaches the reader, the cache or the citation check.",
                        "type": "boolean",
                        "default": true
                      }
                    }
                  }
                ]
              },
              "default": [
                "gpt-4o-mini"
              ]
            },
            "timeoutMs": {
              "type": "integer",
              "minimum": 100,
              "default": 30000
            },
            "cooldownMs": {
              "description": "How long (milliseconds) a model is skipped after it failed in a way that says it is unwell: no reply or no progress within `timeoutMs`, a reply that stopped before its `finish_reason`, a 5xx, a 429, a refused connection or a malformed reply. Then one question tries it again. 0 never skips a model.",
              "type": "integer",
              "minimum": 0,
              "default": 60000
            },
            "maxContextTokens": {
              "description": "Budget in (estimated) tokens for the whole prompt: rules, retrieved atoms, history and the question. Keep it, plus the reply, inside the smallest context window of the models.",
              "type": "integer",
              "minimum": 256,
              "default": 6000
            }
          },
          "default": {}
        },
        "backup": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "dir": {
              "type": "string",
              "default": ".atomkit/backups"
            },
            "everyMinutes": {
              "description": "0 turns backups off.",
              "type": "number",
              "minimum": 0,
              "default": 10
            },
            "keep": {
              "type": "integer",
              "minimum": 1,
              "default": 6
            }
          },
          "default": {}
        }
      },
      "default": {}
    }
  }
} as const;

; Candidates for every rule (SL1xx secrets, SL2xx auth); Rust code in src/analyze decides.
; @call      calls and `new`: client constructors, fromConnectionString, credentials, DB drivers
; @string    string and template literals
; @def.*     declarations, assignments, class fields, parameter defaults: how a name gets its value
; @pair.*    object literal entries (`{ password: "..." }`), for named secrets
; @import    import / require: disambiguate clients and pick the module style (ESM vs CommonJS)

(call_expression) @call
(new_expression) @call
(string) @string
(template_string) @string
(variable_declarator name: (_) @def.name value: (_) @def.value)
(assignment_expression left: (_) @def.name right: (_) @def.value)
(field_definition property: (_) @def.name value: (_) @def.value)
(formal_parameters (assignment_pattern left: (identifier) @def.name right: (_) @def.value))
(pair key: (_) @pair.key value: (_) @pair.value)
(import_statement) @import

; Candidates for every rule (SL1xx secrets, SL2xx auth); Rust code in src/analyze decides.
; @call      calls: client constructors, from_connection_string, credentials, DB drivers (SL2xx)
; @string    string literals: connection strings, SAS, keys (SL1xx)
; @def.*     assignments, `with ... as`, defaults: how a name gets its value (resolve)
; @pair.*    keyword arguments and dict entries: named secrets (`password=`, "AccountKey": ...)
; @import    imports: disambiguate clients with the same name in different SDKs

(call) @call
(string) @string
(assignment left: (_) @def.name right: (_) @def.value)
(augmented_assignment left: (_) @def.name right: (_) @def.value)
(with_item value: (as_pattern (_) @def.value alias: (as_pattern_target (_) @def.name)))
(default_parameter name: (_) @def.name value: (_) @def.value)
(typed_default_parameter name: (_) @def.name value: (_) @def.value)
(named_expression name: (_) @def.name value: (_) @def.value)
(keyword_argument name: (_) @pair.key value: (_) @pair.value)
(pair key: (_) @pair.key value: (_) @pair.value)
(import_statement) @import
(import_from_statement) @import

; Candidates for every rule (SL1xx secrets, SL2xx auth); Rust code in src/analyze decides.
; @call      invocations, `new` and attributes: client constructors, FromConnectionString, credentials, DI registrations, Functions bindings
; @string    string literals of every kind (regular, verbatim, interpolated, raw)
; @def.*     declarations, assignments, properties, initializer members: how a name gets its value
; @pair.*    named arguments (`password: "..."`), for named secrets
; @import    using directives: disambiguate clients with the same name in different SDKs

(invocation_expression) @call
(object_creation_expression) @call
(implicit_object_creation_expression) @call
; Azure Functions binding attributes: `[BlobOutput("c/{id}", Connection = "Docs")]`
(attribute) @call
(string_literal) @string
(verbatim_string_literal) @string
(interpolated_string_expression) @string
(raw_string_literal) @string
(variable_declarator) @def
(assignment_expression left: (_) @def.name right: (_) @def.value)
(property_declaration name: (_) @def.name value: (_) @def.value)
; a getter that only returns a value: `string ConnectionString { get { return ...; } }` / `{ get => ...; }`
(property_declaration name: (_) @def.name accessors: (accessor_list (accessor_declaration "get" body: (block . (return_statement (_) @def.value) .))))
(property_declaration name: (_) @def.name accessors: (accessor_list (accessor_declaration "get" body: (arrow_expression_clause (_) @def.value))))
(argument name: (_) @pair.key (_) @pair.value)
(using_directive) @import
; a command-line option's default: `[DefaultValue("https://…?sig=…")] public string DropUrl { get; init; } = "";` (Spectre.Console.Cli)
(property_declaration (attribute_list (attribute name: (identifier) @_attribute (attribute_argument_list . (attribute_argument (_) @def.value)))) name: (_) @def.name (#eq? @_attribute "DefaultValue"))

; C (also loaded before cpp.scm for C++): definitions and references.

(function_definition
  declarator: [
    (function_declarator declarator: (identifier) @name)
    (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))
    (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name)))
  ]
  body: (compound_statement) @body) @definition.function

(struct_specifier
  name: (type_identifier) @name
  body: (field_declaration_list) @members) @definition.struct

(union_specifier
  name: (type_identifier) @name
  body: (field_declaration_list) @members) @definition.struct

(enum_specifier
  name: (type_identifier) @name
  body: (enumerator_list) @members) @definition.enum

(type_definition
  declarator: (type_identifier) @name) @definition.type

(preproc_function_def
  name: (identifier) @name) @definition.macro

(call_expression
  function: [
    (identifier) @reference.call
    (field_expression field: (field_identifier) @reference.call)
  ])

(struct_specifier
  name: (type_identifier) @reference.type
  !body)

(parameter_declaration type: (type_identifier) @reference.type)

(declaration type: (type_identifier) @reference.type)

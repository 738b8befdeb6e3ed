; C++ additions to c.scm (loaded after it).

(function_definition
  declarator: [
    (function_declarator declarator: (qualified_identifier scope: (_) @container name: (_) @name))
    (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier scope: (_) @container name: (_) @name)))
    (reference_declarator (function_declarator declarator: (qualified_identifier scope: (_) @container name: (_) @name)))
  ]
  body: (compound_statement) @body) @definition.method

(function_definition
  declarator: [
    (function_declarator declarator: [(field_identifier) (operator_name) (destructor_name)] @name)
    (reference_declarator (function_declarator declarator: (field_identifier) @name))
    (pointer_declarator declarator: (function_declarator declarator: (field_identifier) @name))
  ]
  body: (compound_statement) @body) @definition.method

(function_definition
  declarator: (reference_declarator (function_declarator declarator: (identifier) @name))
  body: (compound_statement) @body) @definition.function

(class_specifier
  name: (type_identifier) @name
  body: (field_declaration_list) @members) @definition.class

(field_declaration_list
  [
    (field_declaration declarator: [
      (function_declarator declarator: [(field_identifier) (operator_name) (destructor_name)] @name)
      (reference_declarator (function_declarator declarator: (field_identifier) @name))
      (pointer_declarator declarator: (function_declarator declarator: (field_identifier) @name))
    ])
    (declaration declarator: (function_declarator declarator: [(identifier) (destructor_name) (operator_name)] @name))
  ] @definition.method)

(namespace_definition
  name: (namespace_identifier) @name
  body: (declaration_list) @members) @definition.module

(alias_declaration
  name: (type_identifier) @name) @definition.type

(call_expression
  function: [
    (qualified_identifier name: (identifier) @reference.call)
    (template_function name: (identifier) @reference.call)
  ])

(base_class_clause (type_identifier) @reference.type)

(template_type name: (type_identifier) @reference.type)

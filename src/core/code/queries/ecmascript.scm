; JavaScript, TypeScript and TSX (the patterns their grammars share): definitions and references.

(class_declaration
  name: (_) @name
  body: (class_body) @members) @definition.class

(class
  name: (_) @name
  body: (class_body) @members) @definition.class

(function_declaration
  name: (identifier) @name
  body: (statement_block) @body) @definition.function

(generator_function_declaration
  name: (identifier) @name
  body: (statement_block) @body) @definition.function

(method_definition
  name: (_) @name
  body: (statement_block) @body) @definition.method

(variable_declarator
  name: (identifier) @name
  value: [
    (arrow_function body: (_) @body)
    (function_expression body: (statement_block) @body)
  ]) @definition.function

(assignment_expression
  left: (member_expression property: (property_identifier) @name)
  right: [
    (arrow_function body: (_) @body)
    (function_expression body: (statement_block) @body)
  ]) @definition.function

(call_expression
  function: [
    (identifier) @reference.call
    (member_expression property: (property_identifier) @reference.call)
  ])

(new_expression
  constructor: [
    (identifier) @reference.type
    (member_expression property: (property_identifier) @reference.type)
  ])

(import_specifier name: (identifier) @reference.import)

; PHP: definitions and references.

(class_declaration
  name: (name) @name
  body: (declaration_list) @members) @definition.class

(interface_declaration
  name: (name) @name
  body: (declaration_list) @members) @definition.interface

(trait_declaration
  name: (name) @name
  body: (declaration_list) @members) @definition.trait

(enum_declaration
  name: (name) @name) @definition.enum

(function_definition
  name: (name) @name
  body: (compound_statement) @body) @definition.function

(method_declaration
  name: (name) @name
  body: (compound_statement) @body) @definition.method

(method_declaration
  name: (name) @name
  !body) @definition.method

(function_call_expression function: (name) @reference.call)

(member_call_expression name: (name) @reference.call)

(scoped_call_expression name: (name) @reference.call)

(object_creation_expression (name) @reference.type)

(base_clause (name) @reference.type)

(class_interface_clause (name) @reference.type)

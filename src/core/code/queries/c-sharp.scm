; C#: definitions and references.

(class_declaration
  name: (identifier) @name
  body: (declaration_list) @members) @definition.class

(record_declaration
  name: (identifier) @name) @definition.class

(struct_declaration
  name: (identifier) @name
  body: (declaration_list) @members) @definition.struct

(interface_declaration
  name: (identifier) @name
  body: (declaration_list) @members) @definition.interface

(enum_declaration
  name: (identifier) @name
  body: (enum_member_declaration_list) @members) @definition.enum

(namespace_declaration
  name: (_) @name
  body: (declaration_list) @members) @definition.module

(method_declaration
  name: (identifier) @name
  body: (block) @body) @definition.method

(method_declaration
  name: (identifier) @name
  !body) @definition.method

(constructor_declaration
  name: (identifier) @name
  body: (block) @body) @definition.method

(property_declaration
  name: (identifier) @name) @definition.property

(invocation_expression
  function: [
    (identifier) @reference.call
    (member_access_expression name: (identifier) @reference.call)
  ])

(object_creation_expression type: (identifier) @reference.type)

(base_list (identifier) @reference.type)

(parameter type: (identifier) @reference.type)

; Java: definitions and references.

(class_declaration
  name: (identifier) @name
  body: (class_body) @members) @definition.class

(record_declaration
  name: (identifier) @name
  body: (class_body) @members) @definition.class

(interface_declaration
  name: (identifier) @name
  body: (interface_body) @members) @definition.interface

(enum_declaration
  name: (identifier) @name
  body: (enum_body) @members) @definition.enum

(annotation_type_declaration
  name: (identifier) @name
  body: (annotation_type_body) @members) @definition.interface

(method_declaration
  name: (identifier) @name
  body: (block) @body) @definition.method

(method_declaration
  name: (identifier) @name
  !body) @definition.method

(constructor_declaration
  name: (identifier) @name
  body: (constructor_body) @body) @definition.method

(method_invocation
  name: (identifier) @reference.call)

(object_creation_expression
  type: [
    (type_identifier) @reference.type
    (generic_type (type_identifier) @reference.type)
  ])

(superclass (type_identifier) @reference.type)

(super_interfaces (type_list (type_identifier) @reference.type))

(field_declaration type: (type_identifier) @reference.type)

(formal_parameter type: (type_identifier) @reference.type)

(import_declaration (scoped_identifier name: (identifier) @reference.import))

; Go: definitions and references.

(function_declaration
  name: (identifier) @name
  body: (block) @body) @definition.function

(method_declaration
  receiver: (parameter_list
    (parameter_declaration
      type: [
        (type_identifier) @container
        (pointer_type (type_identifier) @container)
        (generic_type type: (type_identifier) @container)
        (pointer_type (generic_type type: (type_identifier) @container))
      ]))
  name: (field_identifier) @name
  body: (block) @body) @definition.method

(type_declaration
  (type_spec
    name: (type_identifier) @name
    type: (struct_type)) @definition.struct)

(type_declaration
  (type_spec
    name: (type_identifier) @name
    type: (interface_type)) @definition.interface)

(type_declaration
  (type_spec
    name: (type_identifier) @name
    type: [(type_identifier) (qualified_type) (function_type) (map_type) (slice_type) (array_type) (pointer_type) (channel_type) (generic_type)]) @definition.type)

(method_elem
  name: (field_identifier) @name) @definition.method

(call_expression
  function: [
    (identifier) @reference.call
    (selector_expression field: (field_identifier) @reference.call)
  ])

(composite_literal
  type: [
    (type_identifier) @reference.type
    (qualified_type name: (type_identifier) @reference.type)
  ])

(parameter_declaration
  type: [
    (type_identifier) @reference.type
    (pointer_type (type_identifier) @reference.type)
    (qualified_type name: (type_identifier) @reference.type)
    (pointer_type (qualified_type name: (type_identifier) @reference.type))
  ])

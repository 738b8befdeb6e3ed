; Rust: definitions and references.

(struct_item
  name: (type_identifier) @name) @definition.struct

(enum_item
  name: (type_identifier) @name
  body: (enum_variant_list) @members) @definition.enum

(union_item
  name: (type_identifier) @name) @definition.struct

(trait_item
  name: (type_identifier) @name
  body: (declaration_list) @members) @definition.trait

(impl_item
  type: [
    (type_identifier) @name
    (generic_type type: (type_identifier) @name)
    (scoped_type_identifier name: (type_identifier) @name)
    (generic_type type: (scoped_type_identifier name: (type_identifier) @name))
  ]
  body: (declaration_list) @members) @definition.impl

(mod_item
  name: (identifier) @name
  body: (declaration_list) @members) @definition.module

(function_item
  name: (identifier) @name
  body: (block) @body) @definition.function

(function_signature_item
  name: (identifier) @name) @definition.function

(type_item
  name: (type_identifier) @name) @definition.type

(macro_definition
  name: (identifier) @name) @definition.macro

(call_expression
  function: [
    (identifier) @reference.call
    (field_expression field: (field_identifier) @reference.call)
    (scoped_identifier name: (identifier) @reference.call)
  ])

(macro_invocation macro: (identifier) @reference.call)

(impl_item trait: [
  (type_identifier) @reference.type
  (scoped_type_identifier name: (type_identifier) @reference.type)
])

(struct_expression name: [
  (type_identifier) @reference.type
  (scoped_type_identifier name: (type_identifier) @reference.type)
])

(parameter type: [
  (type_identifier) @reference.type
  (reference_type type: (type_identifier) @reference.type)
])

(use_declaration argument: [
  (scoped_identifier name: (identifier) @reference.import)
  (identifier) @reference.import
])

(use_list [
  (identifier) @reference.import
  (scoped_identifier name: (identifier) @reference.import)
])

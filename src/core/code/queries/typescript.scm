; TypeScript and TSX additions to ecmascript.scm (loaded after it).

(interface_declaration
  name: (type_identifier) @name
  body: (interface_body) @members) @definition.interface

(abstract_class_declaration
  name: (type_identifier) @name
  body: (class_body) @members) @definition.class

(type_alias_declaration
  name: (type_identifier) @name) @definition.type

(enum_declaration
  name: (identifier) @name
  body: (enum_body) @members) @definition.enum

(internal_module
  name: (_) @name
  body: (statement_block) @members) @definition.module

(abstract_method_signature
  name: (_) @name) @definition.method

(method_signature
  name: (_) @name) @definition.method

(type_annotation (type_identifier) @reference.type)

(generic_type name: (type_identifier) @reference.type)

(extends_clause value: (identifier) @reference.type)

(implements_clause (type_identifier) @reference.type)

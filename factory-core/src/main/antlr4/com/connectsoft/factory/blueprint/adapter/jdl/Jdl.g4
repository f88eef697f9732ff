/*
 * JHipster Domain Language (JDL), as JHipster users write it: applications with config, entity lists and
 * options; entities with table names, fields, validations and annotations; enums with custom values;
 * relationship blocks of the four kinds; unary and binary options with '*', lists and 'except'; deployments;
 * constants. Comments and Javadoc are kept on hidden channels so the importer can turn them into descriptions.
 */
grammar Jdl;

file : element* EOF ;

element
    : application
    | deployment
    | entityDecl
    | enumDecl
    | relationshipDecl
    | constantDecl
    | option
    ;

application : APPLICATION LBRACE appItem* RBRACE ;
appItem : appConfig | appEntities | appUse | option ;
appConfig : CONFIG LBRACE (configEntry COMMA?)* RBRACE ;
appEntities : ENTITIES selection ;
appUse : USE nameList ;

deployment : DEPLOYMENT LBRACE (configEntry COMMA?)* RBRACE ;

configEntry : name configValue ;
configValue : STRING | number | NUMWORD | name | LBRACK (configValue (COMMA configValue)* COMMA?)? RBRACK ;

entityDecl : annotation* ENTITY name (LPAREN name RPAREN)? (LBRACE (field (COMMA? field)* COMMA?)? RBRACE)? ;
annotation : AT name (LPAREN annotationValue RPAREN)? ;
annotationValue : name | STRING | number | NUMWORD ;
field : annotation* name name validation* ;
validation : REQUIRED | UNIQUE | name LPAREN (number | name | PATTERN | STRING) RPAREN ;

enumDecl : ENUM name LBRACE enumValue (COMMA? enumValue)* COMMA? RBRACE ;
enumValue : name (LPAREN (name | STRING | number)* RPAREN)? ;

relationshipDecl : RELATIONSHIP name LBRACE (relationship (COMMA? relationship)* COMMA?)? RBRACE ;
relationship : annotation* side TO side (WITH name (COMMA name)*)? ;
side : name (LBRACE injected? RBRACE)? ;
injected : name (LPAREN name RPAREN)? REQUIRED? ;

constantDecl : name EQUALS number ;

option : IDENT selection (WITH name)? (EXCEPT nameList)? ;
selection : STAR (EXCEPT nameList)? | nameList ;
nameList : name (COMMA name)* ;

number : INT | DECIMAL ;

// keywords may also be used as names (a field called "config", an option value called "use" ...)
name : IDENT | APPLICATION | CONFIG | ENTITIES | USE | DEPLOYMENT | ENTITY | ENUM | RELATIONSHIP | TO | WITH | EXCEPT
     | REQUIRED | UNIQUE ;

APPLICATION : 'application' ;
CONFIG : 'config' ;
ENTITIES : 'entities' ;
USE : 'use' ;
DEPLOYMENT : 'deployment' ;
ENTITY : 'entity' ;
ENUM : 'enum' ;
RELATIONSHIP : 'relationship' ;
TO : 'to' ;
WITH : 'with' ;
EXCEPT : 'except' ;
REQUIRED : 'required' ;
UNIQUE : 'unique' ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
COMMA : ',' ;
EQUALS : '=' ;
STAR : '*' ;
AT : '@' ;

DECIMAL : '-'? [0-9]+ '.' [0-9]+ ;
INT : '-'? [0-9]+ ;
// a config value that starts with a digit: 3dShapes, 8.1.0
NUMWORD : [0-9]+ [A-Za-z_.\-] [A-Za-z0-9_.\-]* ;
STRING : '"' ( '\\' . | ~["\\\r\n] )* '"' | '\'' ( '\\' . | ~['\\\r\n] )* '\'' ;
// What a STRING, comment or PATTERN that is never closed scans, as one token: without these the lexer would fall
// back to one character and scan the same text again from the next one (quadratic time on hostile input).
UNCLOSED_STRING : '"' ( '\\' . | ~["\\\r\n] )* '\\'? | '\'' ( '\\' . | ~['\\\r\n] )* '\\'? ;
IDENT : [A-Za-z_$] [A-Za-z0-9_$.\-]* ;

JAVADOC : '/**' .*? '*/' -> channel(2) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(2) ;
LINE_COMMENT : '//' ~[\r\n]* -> channel(2) ;
UNCLOSED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* ;
// a regular expression: /.../ whose first character cannot start a comment
PATTERN : '/' ~[*/\r\n] ( '\\' . | ~[/\\\r\n] )* '/' ;
UNCLOSED_PATTERN : '/' ~[*/\r\n] ( '\\' . | ~[/\\\r\n] )* '\\'? ;
WS : [ \t\r\n\f]+ -> channel(HIDDEN) ;
ERROR_CHAR : . ;

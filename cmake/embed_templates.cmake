# Writes OUT, a C file holding every templates/NAME.json as a string, so a
# benchdb finds its deck templates ("default", "ru") wherever it is
# installed. template.c reads the table; `--template FILE` reads others.
set(body "/* Generated from the templates directory by cmake/embed_templates.cmake. Do not edit. */\n#include <stddef.h>\n\n")
set(names "")
set(count 0)
foreach(f IN LISTS FILES)
  get_filename_component(name ${f} NAME_WE)
  file(READ ${f} text HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," text "${text}")
  string(APPEND body "static const unsigned char t${count}[] = {${text}0x00};\n")
  string(APPEND names "    {\"${name}\", (const char *)t${count}},\n")
  math(EXPR count "${count} + 1")
endforeach()
string(APPEND body "\nstruct template_builtin { const char *name; const char *json; };\n")
string(APPEND body "const struct template_builtin template_builtins[] = {\n${names}    {NULL, NULL}\n};\n")
file(WRITE ${OUT} "${body}")

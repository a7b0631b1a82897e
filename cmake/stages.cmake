# The stages of src/ and what each may use (docs/architecture.md). Read by CMakeLists.txt, which
# makes one static library per stage linked to exactly these, and by CheckStages.cmake, which
# fails the build when a file includes a header its stage may not use.

# In pipeline order. A stage is a folder of src/; template/docx is the DOCX engine, apart from
# the template language in template/ (validate/ may use the language, not the engine).
set(NIANBAO_STAGES text model zip format input template template/docx validate merge render app cli)

# What each stage may include and link besides itself. Nothing here may name a stage that comes
# later in the list above: the graph has no cycle, so the static libraries link in order.
set(NIANBAO_USES_text "")
set(NIANBAO_USES_model text)
set(NIANBAO_USES_zip text)
set(NIANBAO_USES_format model text)
set(NIANBAO_USES_input format model text zip)
set(NIANBAO_USES_template format model text)
# input/xml_file.h: describe_xml_error, the Chinese words for a pugixml parse status.
set(NIANBAO_USES_template/docx template input format model text)
set(NIANBAO_USES_validate template input format model text)
set(NIANBAO_USES_merge validate format model text)
set(NIANBAO_USES_render template template/docx merge validate input format model text zip)
set(NIANBAO_USES_app render template template/docx merge validate input format model text zip)
set(NIANBAO_USES_cli app model text)
set(NIANBAO_USES_main cli)  # src/main.cpp, the executable

# Headers that are private to their stage: they declare pugixml's types for the stage's own
# .cpp files (or the DOCX engine's internals), so no other stage may include them.
set(NIANBAO_PRIVATE_HEADERS input/xml_nodes.h format/format_xml.h template/docx/docx_engine.h)

# Third-party libraries and the only stages that may include their headers.
set(NIANBAO_OWNERS_pugixml input format template/docx)
set(NIANBAO_OWNERS_xlsxwriter render)
set(NIANBAO_OWNERS_minizip zip)
set(NIANBAO_OWNERS_program_options cli)

# Leaf stages include the standard library only (and, in text/, the SSE2 and NEON intrinsics
# of its fast path).
set(NIANBAO_STANDARD_ONLY text model)
set(NIANBAO_INTRINSICS emmintrin.h arm_neon.h)

# The stage of a path below src/ ("render/xlsx/book.h" -> render), or main for src/main.cpp.
function(nianbao_stage_of rel out)
  if(rel MATCHES "^template/docx/")
    set(${out} "template/docx" PARENT_SCOPE)
  elseif(rel MATCHES "^([a-z_]+)/")
    set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
  else()
    set(${out} "main" PARENT_SCOPE)
  endif()
endfunction()

# The library target of a stage: nianbao_template_docx for template/docx.
function(nianbao_stage_target stage out)
  string(REPLACE "/" "_" name "${stage}")
  set(${out} "nianbao_${name}" PARENT_SCOPE)
endfunction()

" Vim syntax file
" Language: ssmc runbooks (.rbk), see docs/language.md
" Highlights documents, declarations, steps, clauses, control flow, the four
" string forms with their escapes, `lit`, SSM's {{ … }} references in
" strings, and scripts in block strings with Vim's sh, ps1 and python syntax
" where the step's action fixes their language (see "Embedded scripts").

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match
syn sync minlines=200

" Comments: `///` doc comments, `//` comments, `// ssmc: allow(rule)`.
syn keyword ssmcTodo contained TODO FIXME XXX NOTE
syn match ssmcDirective contained "\<ssmc:\s*allow([A-Za-z0-9_, -]*)"
syn match ssmcComment "//.*$" contains=ssmcTodo,ssmcDirective,@Spell
syn match ssmcDocCode contained "`[^`]*`"
syn match ssmcDocComment "///\(/\)\@!.*$" contains=ssmcTodo,ssmcDocCode,@Spell

" References in strings: {{ Name }}, {{ Step.Out }}, {{ prefix:text }}.
syn match ssmcInterpolation contained "{{\s*\%(\%(variable\|global\|automation\|ssm-secure\|ssm\|resolve\):[^}]\{-}\|[A-Za-z0-9_]\+\%(\.[A-Za-z0-9_]\+\)\=\)\s*}}"
syn match ssmcEscape contained +\\\%(["\\/bfnrt]\|u\x\{4}\)+
syn match ssmcBadEscape contained +\\[^"\\/bfnrtu]+

" Strings: `lit` first (no references), block strings before one-line ones.
syn region ssmcLitBlockString matchgroup=ssmcStringDelim start=+\<lit#\z(#*\)"""\s*$+ end=+^\s*"""#\z1+ keepend
syn region ssmcLitBlockString matchgroup=ssmcStringDelim start=+\<lit"""\s*$+ end=+^\s*"""+ keepend
syn region ssmcLitString matchgroup=ssmcStringDelim start=+\<lit#\z(#*\)"+ end=+"#\z1+ end=+$+ oneline
syn region ssmcLitString matchgroup=ssmcStringDelim start=+\<lit"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ oneline contains=ssmcEscape
syn region ssmcBlockString matchgroup=ssmcStringDelim start=+\%(\<lit\)\@<!#\z(#*\)"""\s*$+ end=+^\s*"""#\z1+ keepend contains=ssmcInterpolation
syn region ssmcBlockString matchgroup=ssmcStringDelim start=+\%(\<lit\|#\)\@<!"""\s*$+ end=+^\s*"""+ keepend contains=ssmcInterpolation
syn region ssmcRawString matchgroup=ssmcStringDelim start=+\%(\<lit\)\@<!#\z(#*\)"\%(""\s*$\)\@!+ end=+"#\z1+ end=+$+ oneline contains=ssmcInterpolation
syn region ssmcString matchgroup=ssmcStringDelim start=+\%(\<lit\|#\)\@<!"\%(""\s*$\)\@!+ skip=+\\\\\|\\"+ end=+"+ end=+$+ oneline contains=ssmcEscape,ssmcBadEscape,ssmcInterpolation

" Declaration words; a plain match (not a keyword, which would win over
" everything) defined before the matches below, which win at the same column.
syn match ssmcStorage "\<\%(automation\|command\|param\|var\|step\|input\|output\)\>"

" Attributes and names.
syn match ssmcAttribute "@[A-Za-z_][A-Za-z0-9_]*"
syn match ssmcBacktickName "`[A-Za-z0-9_.-]\+`"
syn match ssmcDocumentName contained "\%([A-Za-z_][A-Za-z0-9_]*\|`[A-Za-z0-9_.-]\+`\)"
syn match ssmcDocument "\<\%(automation\|command\)\s\+\%([A-Za-z_][A-Za-z0-9_]*\|`[A-Za-z0-9_.-]\+`\)\ze\s*{" contains=ssmcDocKeyword,ssmcDocumentName
syn keyword ssmcDocKeyword contained automation command
syn match ssmcStepName contained "\%([A-Za-z_][A-Za-z0-9_]*\|`[A-Za-z0-9_.-]\+`\)"
syn match ssmcStep "\<step\s\+\%([A-Za-z_][A-Za-z0-9_]*\|`[A-Za-z0-9_.-]\+`\)" contains=ssmcStepKeyword,ssmcStepName
syn keyword ssmcStepKeyword contained step
syn match ssmcAction "\<[A-Za-z_][A-Za-z0-9_]*:[A-Za-z_][A-Za-z0-9_]*\>"
syn match ssmcTarget "\%(\<goto\s\+\|->\s*\)\@<=\%([A-Za-z_][A-Za-z0-9_]*\|`[A-Za-z0-9_.-]\+`\)"
syn match ssmcDeclName contained "\%([A-Za-z_][A-Za-z0-9_]*\|`[A-Za-z0-9_.-]\+`\)"
syn match ssmcDecl "\<\%(param\|var\|input\|output\)\s\+\%([A-Za-z_][A-Za-z0-9_]*\|`[A-Za-z0-9_.-]\+`\)\ze\s*:" contains=ssmcDeclKeyword,ssmcDeclName
syn keyword ssmcDeclKeyword contained param var input output

" Types.
syn match ssmcType "\<AWS\%(::[A-Za-z0-9_]\+\)\+"
syn keyword ssmcType String StringList Integer Boolean MapList StringMap Map List Targets Condition Any

" Keywords (contextual in the language; highlighted everywhere here).
syn keyword ssmcControl if else guard match when goto end branch do
syn keyword ssmcClause on_failure on_cancel timeout attempts critical outputs description raw
syn keyword ssmcItem schema assume_role defaults files tags attachment plugin
syn keyword ssmcStorage action extern secret required for
syn keyword ssmcFlow abort continue
syn keyword ssmcPlatform platform linux windows macos
syn keyword ssmcBuiltin ssm ssm_secure file lines
syn keyword ssmcConstant true false null
syn match ssmcBuiltinRef "\<\%(global\.\%(ACCOUNT_ID\|REGION\|AWS_PARTITION\|DATE_TIME\|DATE\)\|automation\.EXECUTION_ID\)\>"
syn match ssmcBuiltinRef "\<var\.\ze[A-Za-z_]"
syn keyword ssmcPseudo TARGET_ID TARGET_TYPE RESOURCE_ID RESOURCE_TYPE WINDOW_ID WINDOW_TASK_ID WINDOW_TARGET_ID WINDOW_EXECUTION_ID TASK_EXECUTION_ID INVOCATION_ID LOGGING_S3_BUCKET_NAME LOGGING_S3_KEY_PREFIX LOGGING_S3_REGION
syn match ssmcMethod "\.\zs\%(EqualsIgnoreCase\|StringEquals\|StartsWith\|EndsWith\|Contains\|NumericEquals\|NumericGreaterOrEquals\|NumericLesserOrEquals\|NumericGreater\|NumericLesser\|BooleanEquals\)\ze\s*("

" Map keys: `key:` (not `::`, not an action name).
syn match ssmcKey "\<[A-Za-z_][A-Za-z0-9_]*\ze\s*:\%([:A-Za-z_]\)\@!"

" Numbers and durations.
syn match ssmcDuration "\<\%(\d\+d\%(\d\+h\)\=\%(\d\+m\)\=\%(\d\+s\)\=\|\d\+h\%(\d\+m\)\=\%(\d\+s\)\=\|\d\+m\%(\d\+s\)\=\|\d\+s\)\>"
syn match ssmcNumber "-\=\<\d\+\%(\.\d\+\)\=\%([eE][+-]\=\d\+\)\=\>"

syn match ssmcOperator "->\|==\|!=\|>=\|<=\|&&\|||\|[<>!=]"

" Embedded scripts: block strings in steps whose action fixes their language
" are highlighted with Vim's own sh, ps1 and python syntax files:
" aws:runShellScript (sh), aws:runPowerShellScript (ps1), aws:executeScript
" (python), and aws:runCommand after `DocumentName: "AWS-RunShellScript"` or
" `"AWS-RunPowerShellScript"`. A step's region runs from its action (or that
" DocumentName) to the next line that starts a step, a doc comment or a
" control statement, or closes the document; inside, the script regions are
" defined after ssmcBlockString, so they win where both start. Set
" g:ssmc_embedded_scripts = 0 to turn this off.
if get(g:, 'ssmc_embedded_scripts', 1)
  syn cluster ssmcTop contains=ssmcComment,ssmcDocComment,ssmcLitBlockString,ssmcLitString,ssmcBlockString,ssmcRawString,ssmcString,ssmcAttribute,ssmcBacktickName,ssmcStep,ssmcAction,ssmcTarget,ssmcDecl,ssmcType,ssmcControl,ssmcClause,ssmcItem,ssmcStorage,ssmcFlow,ssmcPlatform,ssmcBuiltin,ssmcConstant,ssmcBuiltinRef,ssmcPseudo,ssmcMethod,ssmcKey,ssmcDuration,ssmcNumber,ssmcOperator
  let s:step_end = 'end=+\ze\n\s*\%(///\|step\>\|if\>\|guard\>\|match\>\|}\s*$\)+'
  for [s:lang, s:file, s:starts] in [
        \ ['Sh', 'sh', ['\<aws:runShellScript\>', '\%(DocumentName\s*:\s*\)\@<="AWS-RunShellScript"']],
        \ ['Ps', 'ps1', ['\<aws:runPowerShellScript\>', '\%(DocumentName\s*:\s*\)\@<="AWS-RunPowerShellScript"']],
        \ ['Py', 'python', ['\<aws:executeScript\>']]]
    unlet! b:current_syntax
    execute 'syn include @ssmc' . s:lang . 'Syntax syntax/' . s:file . '.vim'
    unlet! b:current_syntax
    execute 'syn region ssmc' . s:lang . 'Script matchgroup=ssmcStringDelim start=+\%(\<lit\|#\)\@<!"""\s*$+ end=+^\s*"""+ keepend contained contains=@ssmc' . s:lang . 'Syntax,ssmcInterpolation'
    execute 'syn region ssmc' . s:lang . 'RawScript matchgroup=ssmcStringDelim start=+\%(\<lit\)\@<!#\z(#*\)"""\s*$+ end=+^\s*"""#\z1+ keepend contained contains=@ssmc' . s:lang . 'Syntax,ssmcInterpolation'
    for s:start in s:starts
      " The action name keeps the action colour, a DocumentName value the string colour.
      let s:group = s:start =~# '^\\<aws' ? 'ssmcAction' : 'ssmcString'
      execute 'syn region ssmc' . s:lang . 'Step matchgroup=' . s:group . ' start=+' . s:start . '+ ' . s:step_end . ' contains=@ssmcTop,ssmc' . s:lang . 'Script,ssmc' . s:lang . 'RawScript'
    endfor
  endfor
  syn sync minlines=200
endif

hi def link ssmcComment Comment
hi def link ssmcDocComment SpecialComment
hi def link ssmcDocCode Constant
hi def link ssmcTodo Todo
hi def link ssmcDirective PreProc
hi def link ssmcString String
hi def link ssmcRawString String
hi def link ssmcBlockString String
hi def link ssmcLitString String
hi def link ssmcLitBlockString String
hi def link ssmcStringDelim String
hi def link ssmcEscape SpecialChar
hi def link ssmcBadEscape Error
hi def link ssmcInterpolation Special
hi def link ssmcAttribute PreProc
hi def link ssmcDocKeyword Structure
hi def link ssmcDocumentName Type
hi def link ssmcStepKeyword Keyword
hi def link ssmcStepName Function
hi def link ssmcAction Function
hi def link ssmcTarget Label
hi def link ssmcDeclKeyword Keyword
hi def link ssmcDeclName Identifier
hi def link ssmcType Type
hi def link ssmcControl Conditional
hi def link ssmcClause Statement
hi def link ssmcItem Statement
hi def link ssmcStorage Keyword
hi def link ssmcFlow Constant
hi def link ssmcPlatform Constant
hi def link ssmcBuiltin Function
hi def link ssmcConstant Boolean
hi def link ssmcBuiltinRef Identifier
hi def link ssmcPseudo Identifier
hi def link ssmcMethod Function
hi def link ssmcKey Identifier
hi def link ssmcDuration Number
hi def link ssmcNumber Number
hi def link ssmcOperator Operator
hi def link ssmcBacktickName Identifier

let b:current_syntax = 'ssmc'

let &cpo = s:cpo_save
unlet s:cpo_save

(function(){
function close(m){if(m){m.classList.add('dicht');}}
document.addEventListener('keydown',function(e){
if(e.key!=='Escape'&&e.key!=='Esc'){return;}
var a=document.activeElement;if(a&&a.classList&&a.classList.contains('f')){close(a);}
var h=document.querySelectorAll('mark.f:hover');for(var i=0;i<h.length;i++){close(h[i]);}
});
document.addEventListener('focusin',function(e){var t=e.target;
if(t&&t.classList&&t.classList.contains('f')){t.classList.remove('dicht');}});
document.addEventListener('mouseover',function(e){var m=e.target&&e.target.closest?e.target.closest('mark.f'):null;
if(m&&!(e.relatedTarget&&m.contains(e.relatedTarget))){m.classList.remove('dicht');}});
})();

(form => {
  form.noValidate = true;
  const fields = 'input[type=text], input[type=number], input[type=date], input[type=time], '
    + 'input[type=password], input[type=email], input:not([type]), textarea';
  for (const field of form.querySelectorAll(fields)) field.value = '';
})
